/**
 * Finds known values in a text in one pass, as the regex alternation `v1|v2|...` (longest
 * first, the short ones bounded by non-alphanumerics) would, without it: V8 tries every
 * alternative at every position, so a run with thousands of secrets spent seconds per megabyte
 * redacting its own report (22 s of a 42 s history scan with a 126 MB report).
 *
 * A rolling hash of the next four characters is looked up in a bitmap; only positions whose
 * hash some value's first four characters share go on to a map keyed by the value's prefix.
 * Values are keyed by a prefix of a length class (4, 8, 16, 32 or 64 characters, the longest
 * the value holds), so values that share a long prefix (tokens of one provider, private keys)
 * still land in small buckets.
 */

/** Below this length a value counts only where it stands alone (not inside a longer word). */
export const SUBSTRING_LENGTH = 8;
const MIN_LENGTH = 4;
const CLASSES = [64, 32, 16, 8, 4] as const;
const BITS = 21;

interface PrefixClass {
  length: number;
  bits: Uint32Array;
  /** prefix -> values, longest first */
  buckets: Map<string, string[]>;
}

export class ValueIndex {
  private readonly classes: PrefixClass[];
  /** Union of the classes' bitmaps: the one test most positions get. */
  private readonly any = new Uint32Array(1 << (BITS - 5));

  /** `values` must each be at least 4 characters long. */
  constructor(values: Iterable<string>) {
    const byClass = new Map<number, PrefixClass>();
    for (const v of values) {
      if (v.length < MIN_LENGTH) throw new Error('values must be at least 4 characters');
      const length = CLASSES.find((k) => v.length >= k)!;
      let c = byClass.get(length);
      if (!c) byClass.set(length, (c = { length, bits: new Uint32Array(1 << (BITS - 5)), buckets: new Map() }));
      const h = slot(hash4(v, 0));
      c.bits[h >>> 5] |= 1 << (h & 31);
      this.any[h >>> 5] |= 1 << (h & 31);
      const key = v.slice(0, length);
      const list = c.buckets.get(key);
      if (list) list.push(v);
      else c.buckets.set(key, [v]);
    }
    for (const c of byClass.values()) for (const list of c.buckets.values()) list.sort((a, b) => b.length - a.length);
    // Longest class first: its values are longer than any later class's, so the first match is the longest.
    this.classes = [...byClass.values()].sort((a, b) => b.length - a.length);
  }

  /**
   * Calls `found` for each match, left to right, not overlapping: at each position the longest
   * value that matches there (a short one only when no letter or digit touches it). Stops when
   * `found` returns false.
   */
  scan(text: string, found: (at: number, value: string) => boolean | void): void {
    const n = text.length;
    const classes = this.classes;
    const any = this.any;
    if (n < MIN_LENGTH || classes.length === 0) return;
    let i = 0;
    let h = start(text, i);
    for (;;) {
      // The hot loop: most positions end at the bitmap.
      let s = 0;
      for (; i + MIN_LENGTH <= n; i++) {
        h = (h << 8) | (text.charCodeAt(i + 3) & 0xff);
        s = Math.imul(h, 0x9e3779b1) >>> (32 - BITS);
        if ((any[s >>> 5] & (1 << (s & 31))) !== 0) break;
      }
      if (i + MIN_LENGTH > n) return;
      const match = this.longestAt(text, i, s);
      if (!match) {
        i++;
        continue;
      }
      if (found(i, match) === false) return;
      i += match.length;
      h = start(text, i);
    }
  }

  private longestAt(text: string, i: number, s: number): string | undefined {
    for (const c of this.classes) {
      if ((c.bits[s >>> 5] & (1 << (s & 31))) === 0 || i + c.length > text.length) continue;
      const list = c.buckets.get(text.slice(i, i + c.length));
      if (!list) continue;
      for (const v of list) if (text.startsWith(v, i) && (v.length >= SUBSTRING_LENGTH || alone(text, i, v.length))) return v;
    }
    return undefined;
  }
}

/** The hash state before position `i`'s window: its first three characters. */
function start(text: string, i: number): number {
  return ((text.charCodeAt(i) & 0xff) << 16) | ((text.charCodeAt(i + 1) & 0xff) << 8) | (text.charCodeAt(i + 2) & 0xff);
}

function hash4(s: string, i: number): number {
  return (start(s, i) << 8) | (s.charCodeAt(i + 3) & 0xff);
}

function slot(h: number): number {
  return Math.imul(h, 0x9e3779b1) >>> (32 - BITS);
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** No ASCII letter or digit right before or right after `text[at, at + len)`. */
function alone(text: string, at: number, len: number): boolean {
  return !(at > 0 && isWordChar(text.charCodeAt(at - 1))) && !(at + len < text.length && isWordChar(text.charCodeAt(at + len)));
}
