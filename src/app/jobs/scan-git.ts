import { isRemoteUrl, openGitSource, type BackendName } from '../../sources/git/index.js';
import { redactUrl } from '../../sources/git/clone.js';
import type { ScanJob } from '../run-scan.js';
import { localScope } from './target.js';

export interface GitTarget {
  repo: string;
  branch?: string;
  includeStash: boolean;
  sinceCommit?: string;
  range?: string;
  since?: string;
  defaultBranch?: string;
  backend?: BackendName;
  keepClone?: string;
}

/** `scan git REPO`: every blob of the history once (or what a range adds), a path or a URL. */
export function gitJob(t: GitTarget): ScanJob {
  const remote = isRemoteUrl(t.repo);
  const name = remote ? redactUrl(t.repo) : t.repo;
  return {
    target: { kind: 'git', name },
    scope: remote ? `git:${name}` : localScope('git', t.repo),
    root: remote ? undefined : t.repo,
    async collect(engine) {
      const { input } = engine.settings;
      const progress = engine.progress(`git ${name}`);
      const opened = await openGitSource(t.repo, {
        backend: t.backend,
        maxFileSize: input.maxFileSize,
        exclude: input.exclude,
        branch: t.branch,
        includeStash: t.includeStash,
        sinceCommit: t.sinceCommit,
        range: t.range,
        since: t.since,
        defaultBranch: t.defaultBranch,
        keepClone: t.keepClone,
        progress,
      });
      try {
        return await engine.scan(opened.source, progress);
      } finally {
        await opened.cleanup();
      }
    },
  };
}
