import type { Validator } from './types.js';

/**
 * Grafana Cloud access-policy tokens (`glc_` + base64 JSON `{"o":org,"n":name,"k":secret,
 * "m":{"r":region}}`) and the legacy Grafana API keys (base64 JSON `{"k":secret,"n":name,
 * "id":org}`, recognisable by their `eyJrIjoi` start). Either must decode to a JSON object
 * whose `k` (the secret part) is a non-empty string.
 */
export const grafanaCloudToken: Validator = (secret) => {
  const body = secret.startsWith('glc_') ? secret.slice(4) : secret;
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(body)) return { valid: false };
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(body, /[-_]/.test(body) ? 'base64url' : 'base64').toString('utf8'));
  } catch {
    return { valid: false };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { valid: false };
  const o = v as Record<string, unknown>;
  if (typeof o.k !== 'string' || o.k.length < 8) return { valid: false };
  if (secret.startsWith('glc_') && (o.o === undefined || typeof o.n !== 'string')) return { valid: false };
  if (!secret.startsWith('glc_') && typeof o.n !== 'string') return { valid: false };
  return { valid: true };
};
