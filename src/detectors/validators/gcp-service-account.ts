import { createPrivateKey } from 'node:crypto';
import type { Validator } from './types.js';

/**
 * A Google Cloud service-account key file: a flat JSON object with `type: service_account`,
 * a 40-hex `private_key_id`, a PEM `private_key` and a `client_email`. A key that does not
 * parse (truncated, redacted) keeps the hit at low confidence.
 */
export const gcpServiceAccount: Validator = (secret) => {
  let doc: unknown;
  try {
    doc = JSON.parse(secret);
  } catch {
    return { valid: false };
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return { valid: false };
  const o = doc as Record<string, unknown>;
  if (o.type !== 'service_account') return { valid: false };
  if (typeof o.private_key !== 'string' || !o.private_key.includes('PRIVATE KEY-----')) return { valid: false };
  if (typeof o.client_email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(o.client_email)) return { valid: false };
  const notes: string[] = [];
  if (typeof o.private_key_id !== 'string' || !/^[0-9a-f]{40}$/.test(o.private_key_id)) notes.push('private_key_id is not 40 hex digits');
  if (!/\.gserviceaccount\.com$/.test(o.client_email)) notes.push('client_email is not a gserviceaccount.com address');
  try {
    createPrivateKey({ key: o.private_key, format: 'pem' });
  } catch {
    return { valid: true, confidence: 'low', note: 'private_key does not parse (truncated or placeholder)' };
  }
  if (notes.length) return { valid: true, confidence: 'medium', note: notes.join('; ') };
  return { valid: true };
};
