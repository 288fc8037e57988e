import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * The git directory of a repository path: `<path>/.git` for a work tree (or the directory a
 * `.git` file points to), the path itself for a bare repository.
 */
export function findGitDir(path: string): string {
  const root = resolve(path);
  if (!existsSync(root)) throw new Error(`cannot scan '${path}': no such folder`);
  const dotgit = join(root, '.git');
  if (existsSync(dotgit)) {
    if (statSync(dotgit).isDirectory()) return dotgit;
    const m = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotgit, 'utf8'));
    if (m) return isAbsolute(m[1]) ? m[1] : resolve(root, m[1]);
  }
  if (existsSync(join(root, 'objects')) && existsSync(join(root, 'HEAD'))) return root;
  throw new Error(`cannot scan '${path}': not a git repository (no .git folder, not a bare repository)`);
}

/** Commits at which a shallow clone's history is cut (`<gitdir>/shallow`). */
export function shallowCommits(gitdir: string): string[] {
  try {
    return readFileSync(join(gitdir, 'shallow'), 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

/** Stash entries newest first (stash@{0} first), from the stash reflog. */
export function stashEntries(gitdir: string): string[] {
  try {
    const lines = readFileSync(join(gitdir, 'logs', 'refs', 'stash'), 'utf8').split('\n').filter(Boolean);
    return lines.map((l) => l.split(' ')[1]).filter((id) => /^[0-9a-f]{40}$/.test(id)).reverse();
  } catch {
    return [];
  }
}

/** `https://`, `ssh://`, `git://`, `file://` and scp-like `user@host:path` name remote repositories. */
export function isRemoteUrl(target: string): boolean {
  return /^(https?|ssh|git|file|git\+ssh):\/\//i.test(target) || /^[\w.-]+@[\w.-]+:(?!\/\/)/.test(target);
}
