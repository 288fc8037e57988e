import type { Validator } from './types.js';

/**
 * Sentry organization auth tokens are `sntrys_` + base64(JSON payload) + `_` + a base64
 * secret of 32 random bytes (43 characters, padding stripped). The payload carries `iat`
 * (creation time, seconds), `url`, `region_url` and `org`. A token whose payload does not
 * decode to such an object is not one Sentry minted.
 */
export const sentryOrgToken: Validator = (secret) => {
  if (!secret.startsWith('sntrys_')) return { valid: false };
  const body = secret.slice('sntrys_'.length);
  const us = body.lastIndexOf('_');
  if (us <= 0 || body.indexOf('_') !== us) return { valid: false };
  const payloadPart = body.slice(0, us);
  const secretPart = body.slice(us + 1);
  if (!/^[A-Za-z0-9+/]{43}$/.test(secretPart)) return { valid: false };
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(payloadPart)) return { valid: false };
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(payloadPart, 'base64').toString('utf8'));
  } catch {
    return { valid: false };
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return { valid: false };
  const p = payload as Record<string, unknown>;
  const iat = typeof p.iat === 'number' ? p.iat : typeof p.iat === 'string' ? Number(p.iat) : NaN;
  if (!Number.isFinite(iat) || iat <= 0) return { valid: false };
  if (p.org !== undefined && typeof p.org !== 'string') return { valid: false };
  if (p.url !== undefined && typeof p.url !== 'string') return { valid: false };
  const issuedAt = iat < 1e11 ? new Date(iat * 1000).toISOString() : undefined;
  return { valid: true, dates: issuedAt ? { issuedAt } : undefined };
};
