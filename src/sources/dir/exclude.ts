import ignore, { type Ignore } from 'ignore';

/**
 * `.gitignore`-style excludes, matched by the `ignore` package (git's own semantics: a pattern
 * without a slash matches a name at any depth, a leading `/` anchors it, a trailing `/` means
 * directories only, `!` re-includes, and an excluded directory excludes what is under it).
 */
export class ExcludeList {
  private readonly ig: Ignore;
  readonly empty: boolean;

  constructor(patterns: string[]) {
    const lines = patterns.map((p) => p.trim()).filter((p) => p && !p.startsWith('#'));
    this.empty = lines.length === 0;
    this.ig = ignore().add(lines);
  }

  /** `path` is relative to the root, `/`-separated. */
  excluded(path: string, isDir: boolean): boolean {
    if (this.empty) return false;
    const rel = path.replace(/^\/+/, '');
    // `ignore` refuses paths it cannot interpret relatively (`..`, drive letters): those are never excluded.
    if (!rel || !ignore.isPathValid(rel)) return false;
    return this.ig.ignores(isDir ? `${rel}/` : rel);
  }
}
