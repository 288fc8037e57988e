import { createHmac } from 'node:crypto';
import type { EmbeddedDates } from '../../types.js';
import type { Validator } from './types.js';

function decodeJsonSegment(seg: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(Buffer.from(seg, 'base64url').toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

const iso = (v: unknown): string | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 && v < 1e11 ? new Date(v * 1000).toISOString() : undefined;

/** A JWT is three base64url segments whose first two are JSON objects, the header naming `alg`. */
export const jwt: Validator = (secret) => {
  const parts = secret.split('.');
  if (parts.length !== 3) return { valid: false };
  const header = decodeJsonSegment(parts[0]);
  const payload = decodeJsonSegment(parts[1]);
  if (!header || typeof header.alg !== 'string' || !payload) return { valid: false };
  // An unsigned token carries no authority of its own.
  if (header.alg.toLowerCase() === 'none' || parts[2].length === 0) return { valid: true, confidence: 'low', note: 'unsigned JWT' };
  const dates: EmbeddedDates = { issuedAt: iso(payload.iat), notBefore: iso(payload.nbf), expiresAt: iso(payload.exp) };
  if (signedWithExampleKey(header.alg, parts)) return { valid: true, confidence: 'low', dates, note: 'signed with a well-known example key' };
  return { valid: true, dates };
};

/** HMAC keys that tutorials and library docs sign their sample tokens with. */
const EXAMPLE_KEYS = ['secret', 'your-256-bit-secret', 'your-384-bit-secret', 'your-512-bit-secret', 'key', 'secretkey', 'secret-key', 'my-secret', 'mysecret', 'shhhhh', 'test', 'password', 'changeme', 'jwt-secret', 'supersecret', ''];
const HASH: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

function signedWithExampleKey(alg: string, parts: string[]): boolean {
  const hash = HASH[alg.toUpperCase()];
  if (!hash) return false;
  const input = `${parts[0]}.${parts[1]}`;
  return EXAMPLE_KEYS.some((k) => createHmac(hash, k).update(input).digest('base64url') === parts[2]);
}
