import { StagedSource } from '../../sources/staged/index.js';
import { StdinSource } from '../../sources/stdin/index.js';
import type { ScanJob } from '../run-scan.js';
import { localScope } from './target.js';

/** `scan staged [REPO]`: the index's version of the files a commit would record (pre-commit hooks). */
export function stagedJob(repo: string): ScanJob {
  return {
    target: { kind: 'staged', name: repo },
    scope: localScope('staged', repo),
    root: repo,
    async collect(engine) {
      return engine.scan(new StagedSource(repo, { maxFileSize: engine.settings.input.maxFileSize }));
    },
  };
}

/** `scan stdin` (and `scan dir -`): standard input as one file. */
export function stdinJob(name: string | undefined): ScanJob {
  return {
    target: { kind: 'stdin', name: name ?? '<stdin>' },
    scope: `stdin:${name ?? '<stdin>'}`,
    async collect(engine) {
      return engine.scan(new StdinSource({ name, maxFileSize: engine.settings.input.maxFileSize }));
    },
  };
}
