import type { Validator } from './types.js';

/**
 * age X25519 identities are Bech32 (BIP 173) strings with the human-readable part
 * `age-secret-key-`, written in upper case: `AGE-SECRET-KEY-1` + 52 data characters (32
 * bytes) + 6 checksum characters. The Bech32 checksum must verify.
 */
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

export function bech32Polymod(values: number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GEN[i];
  }
  return chk >>> 0;
}

export function hrpExpand(hrp: string): number[] {
  const out: number[] = [];
  for (const c of hrp) out.push(c.charCodeAt(0) >> 5);
  out.push(0);
  for (const c of hrp) out.push(c.charCodeAt(0) & 31);
  return out;
}

export const ageSecretKey: Validator = (secret) => {
  if (secret !== secret.toUpperCase() && secret !== secret.toLowerCase()) return { valid: false };
  const s = secret.toLowerCase();
  const sep = s.lastIndexOf('1');
  if (sep < 1 || s.slice(0, sep) !== 'age-secret-key-') return { valid: false };
  const data: number[] = [];
  for (const c of s.slice(sep + 1)) {
    const d = CHARSET.indexOf(c);
    if (d < 0) return { valid: false };
    data.push(d);
  }
  if (data.length !== 58) return { valid: false };
  return { valid: bech32Polymod([...hrpExpand(s.slice(0, sep)), ...data]) === 1 };
};
