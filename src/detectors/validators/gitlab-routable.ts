import { crc32 } from 'node:zlib';
import type { Validator } from './types.js';

/**
 * GitLab routable tokens (GitLab 17.x+):
 *   <prefix><base64url payload>.<version: 2 base36>.<payload length: 2 base36><crc32: 7 base36>
 * and the earlier unversioned form without the `.<version>` field. The CRC32 (zlib) covers
 * every character before the last 7, prefix included, written in base36 and zero-padded.
 * Runner tokens may carry a `t<type>_` marker after the prefix (`glrt-t1_`).
 * The payload decodes to `k:v` routing lines (keys c, g, o, p, t, u; `o` required), then
 * the random bytes, then one byte holding the number of random bytes.
 */
const SHAPE = /^([a-z]+-(?:t\d_)?)([A-Za-z0-9_-]+)\.(?:([0-9a-z]{2})\.)?([0-9a-z]{2})([0-9a-z]{7})$/;

export const gitlabRoutable: Validator = (secret) => {
  const m = SHAPE.exec(secret);
  if (!m) return { valid: false };
  const [, , payload, , lengthField, crc] = m;
  const body = secret.slice(0, -7);
  if ((crc32(body) >>> 0).toString(36).padStart(7, '0') !== crc) return { valid: false };
  if (parseInt(lengthField, 36) !== payload.length) return { valid: false };
  const raw = Buffer.from(payload, 'base64url');
  if (raw.length < 2) return { valid: false };
  const randomLen = raw[raw.length - 1];
  const routingEnd = raw.length - 1 - randomLen;
  if (randomLen < 8 || routingEnd < 3) return { valid: false };
  const routing = raw.subarray(0, routingEnd).toString('latin1').split('\n');
  const keys = new Set<string>();
  for (const line of routing) {
    const kv = /^([cgoptu]):([0-9a-z_-]+)$/.exec(line);
    if (!kv) return { valid: true, confidence: 'medium', note: 'checksum matches; routing payload not recognised' };
    keys.add(kv[1]);
  }
  if (!keys.has('o')) return { valid: true, confidence: 'medium', note: 'checksum matches; routing payload lacks an organization' };
  return { valid: true };
};
