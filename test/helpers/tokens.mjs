// Fake tokens made for these tests, with valid checksums where the format has one.
import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

const A = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const b62 = (n, w) => {
  let s = '';
  do {
    s = A[n % 62] + s;
    n = Math.floor(n / 62);
  } while (n > 0);
  return s.padStart(w, '0');
};

export function randomAlnum(n) {
  let s = '';
  for (const x of randomBytes(n)) s += A[x % 62];
  return s;
}

/** A GitHub-format token (`ghp_`, `gho_`, ...) or npm token with a valid CRC32 checksum. */
export function checksummedToken(prefix = 'ghp_') {
  const body = randomAlnum(30);
  return prefix + body + b62(crc32(body) >>> 0, 6);
}
