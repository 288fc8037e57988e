import { crc32 } from 'node:zlib';
import type { Validator } from './types.js';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function base62(n: number, width: number): string {
  let s = '';
  do {
    s = ALPHABET[n % 62] + s;
    n = Math.floor(n / 62);
  } while (n > 0);
  return s.padStart(width, '0');
}

/**
 * GitHub's token format (and npm's, which copied it): `<prefix>_` + 30 random base62
 * characters + the CRC32 of those 30 characters in 6 base62 digits.
 */
export function checksumTail(body: string): string {
  return base62(crc32(body) >>> 0, 6);
}

export const base62Crc32: Validator = (secret) => {
  const us = secret.lastIndexOf('_');
  const rest = secret.slice(us + 1);
  if (rest.length < 7) return { valid: false };
  const body = rest.slice(0, -6);
  return { valid: checksumTail(body) === rest.slice(-6) };
};
