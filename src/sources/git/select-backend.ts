import type { BackendName, GitBackend } from './backend.js';
import { checkOwnership, hasGitBinary } from './git-cli.js';
import { IsomorphicBackend } from './isomorphic.js';
import { NativeBackend } from './native.js';

/** `native` when a git binary runs here (or when asked), else `isomorphic`. */
export async function selectBackend(gitdir: string, name?: BackendName): Promise<GitBackend> {
  const chosen = name ?? ((await hasGitBinary()) ? 'native' : 'isomorphic');
  if (chosen === 'native') {
    if (!(await hasGitBinary())) throw new Error('--git-backend native needs a git binary on PATH; use --git-backend isomorphic');
    await checkOwnership(gitdir);
    return new NativeBackend(gitdir);
  }
  if (chosen === 'isomorphic') return new IsomorphicBackend(gitdir);
  throw new Error(`unknown git backend '${chosen as string}': use native or isomorphic`);
}
