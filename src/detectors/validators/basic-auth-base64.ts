import { isPlaceholderPassword } from '../../engine/placeholders.js';
import { privateKey } from './private-key.js';
import type { Validator } from './types.js';

function decode(secret: string): string | undefined {
  const s = secret.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(s)) return undefined;
  const text = Buffer.from(s, s.includes('-') || s.includes('_') ? 'base64url' : 'base64').toString('utf8');
  // Decoded bytes must be printable text.
  return /^[\x20-\x7e]+$/.test(text) ? text : undefined;
}

/**
 * `base64(user:password)` as in docker `config.json` auths, `.npmrc` `_auth` and HTTP Basic
 * headers. The decoding must be `user:password` with a non-placeholder password.
 */
export const basicAuthBase64: Validator = (secret) => {
  const text = decode(secret);
  if (!text) return { valid: false };
  const i = text.indexOf(':');
  if (i < 0) return { valid: false };
  const pw = text.slice(i + 1);
  if (isPlaceholderPassword(pw)) return { valid: false };
  return { valid: true, confidence: 'medium' };
};

/** A base64 password (`.npmrc` `_password`): printable when decoded and not a placeholder. */
export const base64Password: Validator = (secret) => {
  const text = decode(secret);
  if (!text || isPlaceholderPassword(text)) return { valid: false };
  return { valid: true, confidence: 'medium' };
};

/** Base64 of a PEM private key (kubeconfig `client-key-data`, Kubernetes TLS secrets). */
export const base64PrivateKey: Validator = (secret) => {
  const pem = Buffer.from(secret.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) return { valid: false };
  return privateKey(pem.slice(pem.indexOf('-----BEGIN')));
};
