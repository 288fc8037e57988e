import { createHash } from 'node:crypto';
import type { Validator } from './types.js';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

export function base58Decode(s: string): Buffer | undefined {
  let n = 0n;
  for (const ch of s) {
    const d = ALPHABET.indexOf(ch);
    if (d < 0) return undefined;
    n = n * 58n + BigInt(d);
  }
  let hex = n.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  const lead = s.length - s.replace(/^1+/, '').length;
  return Buffer.concat([Buffer.alloc(lead), n === 0n ? Buffer.alloc(0) : Buffer.from(hex, 'hex')]);
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest();

/** Payload of a Base58Check string when its 4-byte double-SHA-256 checksum holds. */
export function base58CheckPayload(s: string): Buffer | undefined {
  const raw = base58Decode(s);
  if (!raw || raw.length < 5) return undefined;
  const payload = raw.subarray(0, -4);
  return sha256(sha256(payload)).subarray(0, 4).equals(raw.subarray(-4)) ? payload : undefined;
}

/**
 * BIP-32 extended private keys (xprv, tprv, yprv, zprv...): 78 bytes behind a Base58Check
 * checksum, the key data starting with a 0x00 byte.
 */
export const bip32ExtendedKey: Validator = (secret) => {
  const p = base58CheckPayload(secret);
  return { valid: !!p && p.length === 78 && p[45] === 0 };
};
