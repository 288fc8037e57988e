/** Shannon entropy in bits per character. */
export function shannon(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  const n = s.length;
  for (const c of counts.values()) {
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return h;
}

export type Charset = 'hex' | 'base64' | 'alnum' | 'text';

export function charsetOf(s: string): Charset {
  if (/^[0-9a-fA-F]+$/.test(s)) return 'hex';
  if (/^[A-Za-z0-9]+$/.test(s)) return 'alnum';
  if (/^[A-Za-z0-9+/_=-]+$/.test(s)) return 'base64';
  return 'text';
}

/**
 * Minimum entropy a generic secret needs, by charset. A random string's entropy tends to
 * log2(alphabet) but is capped by its length, so short strings get a lower bar.
 * Values chosen from random samples: 16 random hex chars average ~3.4 bits, 20 random
 * base62 chars ~4.0, while English-ish identifiers sit at 2.5-3.3.
 */
export function entropyThreshold(charset: Charset, length: number): number {
  const cap = Math.log2(Math.max(2, length));
  const base = charset === 'hex' ? 3.0 : charset === 'alnum' ? 3.5 : charset === 'base64' ? 3.7 : 3.2;
  return Math.min(base, cap - 0.6);
}

/** True when the string looks random enough for its charset and length. */
export function looksRandom(s: string): boolean {
  return shannon(s) >= entropyThreshold(charsetOf(s), s.length);
}
