import { crc32 } from 'node:zlib';
import type { Validator } from './types.js';

/**
 * Grafana service-account tokens: `gl` + service id (`sa`) + `_` + 32 random characters +
 * `_` + checksum, where the checksum is the CRC-32 (IEEE) of `glsa_<random>` written as
 * its four bytes in little-endian order, hex encoded (8 lowercase hex digits).
 */
export function grafanaChecksum(key: string): string {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(crc32(key) >>> 0);
  return b.toString('hex');
}

export const grafanaSaToken: Validator = (secret) => {
  const parts = secret.split('_');
  if (parts.length !== 3 || !parts[0].startsWith('gl') || parts[1].length === 0) return { valid: false };
  if (!/^[0-9a-f]{8}$/.test(parts[2])) return { valid: false };
  return { valid: grafanaChecksum(`${parts[0]}_${parts[1]}`) === parts[2] };
};
