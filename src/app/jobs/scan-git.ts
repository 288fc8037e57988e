import { isRemoteUrl, openGitSource, type BackendName } from '../../sources/git/index.js';
import { redactUrl } from '../../sources/git/clone.js';
import type { Collected, ScanJob } from '../run-scan.js';
import type { EngineSession } from '../engine-session.js';
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
  /** Git's pre-push hook input (`<local ref> <local sha> <remote ref> <remote sha>` lines): scan what the push adds. */
  prePush?: string;
}

const ZERO = /^0+$/;

/** The ranges a push adds, from the pre-push hook's standard input; deletions add nothing. */
export function prePushRanges(input: string): string[] {
  return input
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length === 4 && !ZERO.test(f[1]))
    .map(([, local, , remote]) => `${remote}..${local}`);
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
      if (t.prePush !== undefined) return prePushScan(engine, t, prePushRanges(t.prePush));
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

/** Each pushed ref's range in turn, as one result (nothing pushed: nothing to scan, not an error). */
async function prePushScan(engine: EngineSession, t: GitTarget, ranges: string[]): Promise<Collected> {
  const out: Collected = { findings: [], skipped: [], errors: [], stats: { chunks: 0, bytes: 0, seconds: 0 }, partial: true };
  for (const range of ranges) {
    const opened = await openGitSource(t.repo, { maxFileSize: engine.settings.input.maxFileSize, exclude: engine.settings.input.exclude, range, allowEmpty: true, defaultBranch: t.defaultBranch, backend: t.backend });
    const r = await engine.scan(opened.source);
    out.findings.push(...r.findings);
    out.skipped.push(...r.skipped);
    out.errors.push(...r.errors);
    out.stats = { chunks: out.stats.chunks + r.stats.chunks, bytes: out.stats.bytes + r.stats.bytes, seconds: out.stats.seconds + r.stats.seconds, threads: r.stats.threads };
  }
  return out;
}
