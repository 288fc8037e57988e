import { createHmac, scryptSync } from 'node:crypto';

/**
 * Fingerprints identify a credential across machines, reports and runs without revealing it.
 *
 * - With an organisation key (CREDSWEEP_FINGERPRINT_KEY, at least 16 characters): HMAC-SHA-256
 *   under that key. Without the key nobody can test a guess against a published fingerprint.
 * - Without one (the default, so every machine and CI runner agrees with no setup): a public
 *   derivation. High-entropy secrets (tokens, keys) get HMAC-SHA-256 under a fixed public key:
 *   guessing them is hopeless anyway. Low-entropy secrets (passwords) get scrypt with a fixed
 *   salt, so each guess against a published fingerprint costs tens of milliseconds instead of
 *   nanoseconds. A team that publishes reports with short passwords in them should set a key.
 */
export const PUBLIC_FINGERPRINT_KEY = Buffer.from('credsweep/fingerprint/v1/public-derivation');

const MIN_KEY_CHARS = 16;
/** Bits (length x Shannon entropy per character) from which a secret counts as high-entropy. */
const HIGH_ENTROPY_BITS = 72;
const SCRYPT = { N: 1 << 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const slowCache = new Map<string, string>();

export function fingerprint(key: Buffer, secret: string | Buffer): string {
  if (!key.equals(PUBLIC_FINGERPRINT_KEY)) return createHmac('sha256', key).update(secret).digest('hex');
  const text = typeof secret === 'string' ? secret : secret.toString('latin1');
  if (entropyBits(text) >= HIGH_ENTROPY_BITS) return createHmac('sha256', PUBLIC_FINGERPRINT_KEY).update(secret).digest('hex');
  let fp = slowCache.get(text);
  if (!fp) {
    fp = scryptSync(secret, PUBLIC_FINGERPRINT_KEY, 32, SCRYPT).toString('hex');
    if (slowCache.size > 10_000) slowCache.clear();
    slowCache.set(text, fp);
  }
  return fp;
}

/**
 * True when `fingerprint(key, secret)` is the slow derivation (scrypt, tens of milliseconds):
 * the engine leaves it out for hits the run drops anyway.
 */
export function isSlowFingerprint(key: Buffer, secret: string): boolean {
  return key.equals(PUBLIC_FINGERPRINT_KEY) && entropyBits(secret) < HIGH_ENTROPY_BITS;
}

/** Length times the Shannon entropy of the character distribution: a cheap strength estimate. */
export function entropyBits(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const n = [...s].length;
  let h = 0;
  for (const c of counts.values()) h -= (c / n) * Math.log2(c / n);
  return h * n;
}

/**
 * A preview that identifies a credential to a human without giving it away: a little of
 * the head (usually the provider prefix), two characters of the tail for long tokens, and
 * the length. Short secrets (passwords) show nothing but their length.
 */
export function preview(secret: string): string {
  const n = [...secret].length;
  // A PEM block's header names the key type and is not secret; its base64 body is.
  const pem = /^-----BEGIN ([A-Z0-9 ]{1,40})-----/.exec(secret);
  if (pem) return `-----BEGIN ${pem[1]}-----… (${n} chars)`;
  if (n < 12) return `… (${n} chars)`;
  const chars = [...secret];
  const prefix = /^[A-Za-z0-9]{2,8}[_-]/.exec(secret)?.[0];
  const headLen = Math.min(prefix ? Math.max(prefix.length, 2) : 2, Math.floor(n / 4));
  const tail = n >= 24 ? chars.slice(-2).join('') : '';
  return `${chars.slice(0, headLen).join('')}…${tail} (${n} chars)`;
}

export class FingerprintKeyError extends Error {}

/**
 * The organisation key from CREDSWEEP_FINGERPRINT_KEY, else the public derivation. A key too
 * short to protect anything is refused, not quietly used.
 */
export function loadFingerprintKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env.CREDSWEEP_FINGERPRINT_KEY;
  if (fromEnv === undefined || fromEnv === '') return PUBLIC_FINGERPRINT_KEY;
  if ([...fromEnv.trim()].length < MIN_KEY_CHARS) {
    throw new FingerprintKeyError(
      `CREDSWEEP_FINGERPRINT_KEY is ${[...fromEnv.trim()].length} character(s): use at least ${MIN_KEY_CHARS} random characters (e.g. \`openssl rand -hex 32\`), or unset it for the public derivation`,
    );
  }
  return Buffer.from(fromEnv.trim(), 'utf8');
}

/** Names the scheme (never the key) so merged shards can be checked for agreement. */
export function describeKey(key: Buffer): 'public' | 'organisation key' {
  return key.equals(PUBLIC_FINGERPRINT_KEY) ? 'public' : 'organisation key';
}
