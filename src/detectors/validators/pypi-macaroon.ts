import type { Validator } from './types.js';

/**
 * PyPI API tokens are `pypi-` + base64url(macaroon in libmacaroons' V2 binary format):
 *   0x02, [location field], identifier field, EOS, then caveat sections (each
 *   [location] identifier [verification id] EOS), an empty section (EOS), and a 32-byte
 *   signature field. A field is a type byte (1 location, 2 identifier, 4 vid, 6 signature),
 *   a varint length and the data; EOS is a single 0 byte.
 * The root location must be pypi.org or test.pypi.org.
 */
const LOCATIONS = new Set(['pypi.org', 'test.pypi.org']);

interface Field {
  type: number;
  data: Buffer;
}

function readVarint(b: Buffer, pos: number): [number, number] | undefined {
  let n = 0;
  let shift = 0;
  for (let i = 0; i < 5; i++) {
    if (pos >= b.length) return undefined;
    const byte = b[pos++];
    n += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [n, pos];
    shift += 7;
  }
  return undefined;
}

/** Reads fields up to an EOS; returns undefined on malformed input. */
function readSection(b: Buffer, pos: number): [Field[], number] | undefined {
  const fields: Field[] = [];
  for (;;) {
    if (pos >= b.length) return undefined;
    const type = b[pos++];
    if (type === 0) return [fields, pos];
    if (![1, 2, 4, 6].includes(type)) return undefined;
    const len = readVarint(b, pos);
    if (!len) return undefined;
    const [n, next] = len;
    if (next + n > b.length) return undefined;
    fields.push({ type, data: b.subarray(next, next + n) });
    pos = next + n;
    if (type === 6) return [fields, pos];
  }
}

export function parseMacaroonV2(b: Buffer): { location?: string; identifier: Buffer; caveats: number; signature: Buffer } | undefined {
  if (b.length < 40 || b[0] !== 2) return undefined;
  const head = readSection(b, 1);
  if (!head) return undefined;
  const [hf, afterHead] = head;
  const loc = hf.find((f) => f.type === 1);
  const id = hf.find((f) => f.type === 2);
  if (!id || hf.some((f) => f.type !== 1 && f.type !== 2)) return undefined;
  let pos = afterHead;
  let caveats = 0;
  for (;;) {
    if (pos >= b.length) return undefined;
    if (b[pos] === 0) {
      pos++;
      break;
    }
    const sec = readSection(b, pos);
    if (!sec) return undefined;
    const [cf, next] = sec;
    if (!cf.some((f) => f.type === 2) || cf.some((f) => f.type === 6)) return undefined;
    caveats++;
    pos = next;
  }
  if (b[pos] !== 6) return undefined;
  const len = readVarint(b, pos + 1);
  if (!len || len[0] !== 32 || len[1] + 32 !== b.length) return undefined;
  return { location: loc?.data.toString('utf8'), identifier: id.data, caveats, signature: b.subarray(len[1]) };
}

export const pypiMacaroon: Validator = (secret) => {
  if (!secret.startsWith('pypi-')) return { valid: false };
  const body = secret.slice(5);
  if (!/^[A-Za-z0-9_-]+$/.test(body)) return { valid: false };
  const m = parseMacaroonV2(Buffer.from(body, 'base64url'));
  if (!m || !m.location || !LOCATIONS.has(m.location)) return { valid: false };
  return { valid: true };
};
