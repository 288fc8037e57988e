import picomatch from 'picomatch';

/**
 * `.gitignore`-style excludes: a pattern without a slash matches a name at any depth,
 * a leading `/` anchors it to the root, a trailing `/` matches directories only, `!` re-includes.
 */
export class ExcludeList {
  private readonly rules: Array<{ negate: boolean; dirOnly: boolean; match: (p: string) => boolean }>;

  constructor(patterns: string[]) {
    this.rules = patterns
      .map((p) => p.trim())
      .filter((p) => p && !p.startsWith('#'))
      .map((raw) => {
        let p = raw;
        const negate = p.startsWith('!');
        if (negate) p = p.slice(1);
        const dirOnly = p.endsWith('/');
        if (dirOnly) p = p.slice(0, -1);
        const anchored = p.startsWith('/') || p.slice(0, -1).includes('/');
        if (p.startsWith('/')) p = p.slice(1);
        const glob = anchored ? p : `**/${p}`;
        const m = picomatch(glob, { dot: true });
        // A pattern naming a directory excludes everything under it too.
        const under = picomatch(`${glob}/**`, { dot: true });
        return { negate, dirOnly, match: (path: string) => m(path) || under(path) };
      });
  }

  /** `path` is relative to the root, `/`-separated. */
  excluded(path: string, isDir: boolean): boolean {
    let out = false;
    for (const r of this.rules) {
      if (r.dirOnly && !isDir && !r.match(path.split('/').slice(0, -1).join('/') || '\0')) continue;
      if (r.match(path)) out = !r.negate;
    }
    return out;
  }
}
