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
  return Math.min(base, cap - 0.5);
}

/**
 * Values that are code or structure, not secrets: member access, identifiers in any case
 * style, paths, URLs, digests with an algorithm prefix, version strings.
 */
const NOT_SECRET_SHAPES = [
  /^[A-Za-z_$][\w$]*(?:(?:\.|::|->)[A-Za-z_$][\w$]*)+(?:\(\))?$/, // this.password, config.db.pass, Foo::BAR
  /^[a-z]{2,}\d{0,3}(?:[A-Z][a-z]{2,}\d{0,3})+$/, // camelCase, digits allowed after words: base64Password
  /^(?:[A-Z][a-z]{2,}\d{0,3}){2,}$/, // PascalCase
  /^[A-Z]{2,}\d{0,3}(?:[A-Z][a-z]{2,}\d{0,3})+$/, // type names led by an acronym: PKCS7PrivateKeyTypes
  /^[a-z]+(?:[_-][a-z]+)+\d{0,2}$/, // snake_case, kebab-case words
  /^_*[A-Z]+(?:_[A-Z0-9]+)+_*$/, // SCREAMING_CASE env-var names and constants
  /^(?:[a-z][a-z0-9+.-]*:)?\/\//i, // URLs
  /^arn:[a-z0-9-]+:/, // AWS ARNs
  /^(?:[A-Z][a-z]+-)+[A-Z][a-z]+$/, // HTTP header names: Access-Control-Allow-Credentials
  /^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)/, // paths
  /^(?:\/[\w.@-]+){2,}\/?$/, // /usr/local/bin
  /^(?:sha(?:1|224|256|384|512)|md5|blake2b?)[-:=]/i, // integrity and digest strings
  /^v?\d+(?:\.\d+){1,3}(?:[-+][\w.]+)?$/, // versions
  /^[\d.:-]+$/, // numbers, dates, times, IPs
];

/**
 * Letters only and shaped like words: a single word (enough vowels to be pronounceable) or
 * up to five camel-case words of three letters or more. Random letters rarely are: a
 * generated 14-letter string has a capital every fourth letter and few vowels.
 */
function wordLike(s: string): boolean {
  s = s.replace(/^_+|_+$/g, '');
  if (!/^[A-Za-z]+$/.test(s) || s.length > 40) return false;
  if (/^(?:[a-z]+|[A-Z]+)$/.test(s)) return (s.match(/[aeiouy]/gi)?.length ?? 0) / s.length >= 0.2;
  // Camel-case words (acronyms kept whole): few, mostly of three letters or more.
  const words = s.match(/[A-Z]{2,}(?=[A-Z][a-z]|$)|[A-Z]?[a-z]+|[A-Z]/g) ?? [];
  const short = words.filter((w) => w.length <= 2).length;
  return words.length <= 6 && short <= 2 && s.length / words.length >= 3.5;
}

/**
 * A variable named by a sigil or scope prefix: Perl `*glob`, `$scalar`, `@array`, `%hash`,
 * Vim script `s:name`, `g:name`. Only the prefix is taken off: the name after it must itself
 * be code-shaped, so a random value that happens to start with `$` still counts.
 */
const VARIABLE_PREFIX = /^(?:[*$@%&]|[sgbwtlav]:)(?=[A-Za-z_])/;

const codeShaped = (s: string) => wordLike(s) || NOT_SECRET_SHAPES.some((re) => re.test(s));

/** Values that have the shape of code, paths, versions or words rather than of a secret. */
export function notSecretShaped(s: string): boolean {
  if (codeShaped(s)) return true;
  const name = s.replace(VARIABLE_PREFIX, '');
  return name !== s && codeShaped(name);
}

/** True when the string looks random enough for its charset and length, and is not code-shaped. */
export function looksRandom(s: string): boolean {
  if (notSecretShaped(s)) return false;
  return shannon(s) >= entropyThreshold(charsetOf(s), s.length);
}
