import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { Validator } from './types.js';

/**
 * A PEM or OpenSSH private key must parse with Node's crypto. Keys that do not (truncated,
 * `...` placeholders, documentation stubs) are kept at low confidence: a half key is still
 * worth a look, but it must not fail a build. Encrypted keys parse only with a passphrase,
 * which is exactly the signal that they are real, so the passphrase error counts as valid.
 */
export const privateKey: Validator = (secret) => {
  const pem = secret.replace(/\r\n/g, '\n').replace(/\\n/g, '\n');
  if (/^-----BEGIN PGP PRIVATE KEY BLOCK-----/.test(pem)) {
    const body = pem.split('\n').filter((l) => /^[A-Za-z0-9+/=]{16,}$/.test(l)).join('');
    return body.length >= 200 ? { valid: true } : { valid: true, confidence: 'low', note: 'PGP key block too short to be a key' };
  }
  try {
    createPrivateKey({ key: pem, format: 'pem' });
    return { valid: true };
  } catch (e) {
    const msg = String((e as Error).message);
    if (/passphrase|decrypt|bad decrypt/i.test(msg)) return { valid: true, note: 'encrypted private key' };
    return { valid: true, confidence: 'low', note: 'does not parse as a private key (truncated or placeholder)' };
  }
};

/** Certificates are not secrets, but their dates age the keys beside them (see hygiene). */
export function certificateDates(pem: string): { notBefore?: string; notAfter?: string } {
  try {
    const c = new X509Certificate(pem);
    return { notBefore: new Date(c.validFrom).toISOString(), notAfter: new Date(c.validTo).toISOString() };
  } catch {
    return {};
  }
}
