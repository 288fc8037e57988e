// Fake tokens made for these tests, with valid checksums where the format has one.
import { createHash, randomBytes } from 'node:crypto';
import { checksumTail } from '../../dist/detectors/validators/base62-crc32.js';

const A = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function randomAlnum(n) {
  let s = '';
  for (const x of randomBytes(n)) s += A[x % 62];
  return s;
}

/** A GitHub-format token (`ghp_`, `gho_`, ...) or npm token with a valid CRC32 checksum. */
export function checksummedToken(prefix = 'ghp_') {
  const body = randomAlnum(30);
  return prefix + body + checksumTail(body);
}

/** The same, derived from a seed: stable across runs, and no literal token in the repo. */
export function seededToken(seed, prefix = 'ghp_') {
  const h = createHash('sha256').update(String(seed)).digest();
  let body = '';
  for (let i = 0; i < 30; i++) body += A[h[i] % 62];
  return prefix + body + checksumTail(body);
}
