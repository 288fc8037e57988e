import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Keyed fingerprint of a secret. Keyed (HMAC) rather than a bare hash so a report full of
 * short passwords cannot be brute-forced by someone without the key.
 */
export function fingerprint(key: Buffer, secret: string | Buffer): string {
  return createHmac('sha256', key).update(secret).digest('hex');
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

export function configDir(): string {
  const base = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'credsweep');
}

/** Key from CREDSWEEP_FINGERPRINT_KEY, else one generated once into the user's config dir. */
export function loadFingerprintKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env.CREDSWEEP_FINGERPRINT_KEY;
  if (fromEnv) return Buffer.from(fromEnv, 'utf8');
  const dir = configDir();
  const file = join(dir, 'fingerprint.key');
  try {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  } catch {
    const key = randomBytes(32);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    try {
      writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
      return key;
    } catch {
      // Another process won the race; use its key.
      return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
    }
  }
}
