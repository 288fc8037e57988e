// Fake GitHub-format tokens for the hostile corpus, derived from a seed so every run makes
// the same bytes and no literal token sits in the repository. Format (documented by GitHub):
// prefix + 30 base62 characters + the CRC32 of those 30 characters in 6 base62 digits.
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

const A = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function base62(n, width) {
  let s = '';
  do {
    s = A[n % 62] + s;
    n = Math.floor(n / 62);
  } while (n > 0);
  return s.padStart(width, '0');
}

function body(seed) {
  const h = createHash('sha256').update(String(seed)).digest();
  let s = '';
  for (let i = 0; i < 30; i++) s += A[h[i] % 62];
  return s;
}

/** A token with a valid checksum: what the engine must report. */
export function realToken(seed, prefix = 'ghp_') {
  const b = body(seed);
  return prefix + b + base62(crc32(b) >>> 0, 6);
}

/** The same shape with a wrong checksum: costs the engine a regex match and a validator call, is no finding. */
export function shapedToken(seed, prefix = 'ghp_') {
  const b = body(seed);
  const tail = base62((crc32(b) + 1) >>> 0, 6);
  return prefix + b + tail;
}
