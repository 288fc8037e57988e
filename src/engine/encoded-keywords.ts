/**
 * Base64 forms of a keyword: the characters that stay the same whatever bytes surround
 * the keyword, at each of the three alignments, for lower- and upper-case spellings and
 * for the base64url alphabet. Searching these literals in the same prefilter pass tells
 * which chunks hold an encoded keyword, so decoding runs only there instead of on every
 * base64-looking run (lockfile hashes, minified assets), which costs a JS call per run.
 */
export function encodedForms(keyword: string): string[] {
  const out = new Set<string>();
  for (const spelling of new Set([keyword.toLowerCase(), keyword.toUpperCase()])) {
    const bytes = Buffer.from(spelling, 'utf8');
    for (let offset = 0; offset < 3; offset++) {
      const enc = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64').replace(/=+$/, '');
      const lead = offset === 0 ? 0 : offset === 1 ? 2 : 3;
      // Whole 3-byte groups give 4 fixed characters; a trailing group of 1 or 2 bytes gives 1 or 2.
      const total = offset + bytes.length;
      const stableEnd = Math.floor(total / 3) * 4 + (total % 3);
      const stable = enc.slice(lead, stableEnd);
      if (stable.length >= 4) {
        out.add(stable);
        out.add(stable.replace(/\+/g, '-').replace(/\//g, '_'));
      }
    }
  }
  return [...out];
}
