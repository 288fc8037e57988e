import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';

// SARIF URIs and editor links are relative to the repository root, not to the folder that
// was scanned: a scan of `deploy/` reports `deploy/app.env`, which code scanning can map.

const cache = new Map<string, string | undefined>();

/** The nearest folder at or above `dir` holding `.git` (a folder, or a worktree's file). */
export function enclosingRepoRoot(dir: string): string | undefined {
  const start = resolve(dir);
  if (cache.has(start)) return cache.get(start);
  let d = start;
  let found: string | undefined;
  for (;;) {
    if (existsSync(join(d, '.git'))) {
      found = d;
      break;
    }
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  cache.set(start, found);
  return found;
}

/** `dir` relative to its enclosing repository (`''` at the root); undefined outside any. */
function repoPrefix(dir: string): string | undefined {
  const repo = enclosingRepoRoot(dir);
  if (!repo) return undefined;
  const rel = relative(repo, resolve(dir));
  return rel.split(sep).join('/');
}

const joinUri = (...parts: Array<string | undefined>) => parts.filter((p) => p).join('/');

/**
 * Repository-relative path of `path` found under the scan input `input` (a folder, a single
 * file, or an archive whose members are `path`). Without an enclosing repository: relative to
 * the input, as the source reported it.
 */
export function repoRelativePath(input: string | undefined, path: string): string {
  if (!input) return path;
  let kind: 'dir' | 'file' | 'missing' = 'missing';
  try {
    kind = statSync(input).isDirectory() ? 'dir' : 'file';
  } catch {
    return path;
  }
  if (kind === 'dir') return joinUri(repoPrefix(input), path);
  const prefix = repoPrefix(dirname(input));
  // A single scanned file is reported by its own name; an archive's members sit below it.
  if (path === basename(input)) return joinUri(prefix, path);
  return prefix === undefined ? path : joinUri(prefix, basename(input), path);
}
