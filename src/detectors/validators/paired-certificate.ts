import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { EmbeddedDates } from '../../types.js';
import { normalizeKeyBlock } from './private-key.js';
import type { Validator } from './types.js';

const MARKER = Buffer.from('-----BEGIN CERTIFICATE-----');
const END = Buffer.from('-----END CERTIFICATE-----');
/** A certificate this close to a key it cannot be matched to (an encrypted key) is taken as its pair. */
const NEAR_BYTES = 8192;
/** Certificates read per chunk: a bundle has a handful; a crafted file must not cost keys x certificates without bound. */
const MAX_CERTS = 256;

interface PlacedCert {
  cert: X509Certificate;
  start: number;
  end: number;
}

// Each chunk's certificates, parsed once however many keys the chunk holds.
const certsByChunk = new WeakMap<Buffer, PlacedCert[]>();

/** The last BEGIN before an END: a run of stray BEGIN lines before it is not part of the block. */
function certsStart(data: Buffer, endAt: number): number {
  return data.lastIndexOf(MARKER, endAt - 1);
}

function certificatesIn(data: Buffer): PlacedCert[] {
  let certs = certsByChunk.get(data);
  if (certs) return certs;
  certs = [];
  // Searches go forward only, from one block's end to the next marker: BEGIN after BEGIN with
  // no END must not send a search to the end of the chunk for each of them.
  for (let at = data.indexOf(MARKER); at >= 0 && certs.length < MAX_CERTS; ) {
    const endAt = data.indexOf(END, at + MARKER.length);
    if (endAt < 0) break;
    const end = endAt + END.length;
    at = data.indexOf(MARKER, end);
    const from = certsStart(data, endAt);
    try {
      certs.push({ cert: new X509Certificate(normalizeKeyBlock(data.toString('latin1', from, end))), start: from, end });
    } catch {
      // not a certificate after all
    }
  }
  certsByChunk.set(data, certs);
  return certs;
}

/**
 * A private key has no dates of its own, but the certificate issued for it does: its
 * `notBefore` ages the key, its `notAfter` is the key's expiry in practice. The certificate
 * must sit in the same chunk (a PEM bundle, a TLS Secret, a `.pem` with both), and is taken as
 * the key's pair when its public key matches the private key, or, when the key cannot be opened
 * (encrypted), when it is the nearest certificate within a few KB. Runs inside the worker:
 * the key never leaves it.
 */
export function pairedCertificateDates(secret: string, data: Buffer, start: number, end: number): EmbeddedDates | undefined {
  const certs = certificatesIn(data);
  if (certs.length === 0) return undefined;
  let key: ReturnType<typeof createPrivateKey> | undefined;
  try {
    key = createPrivateKey({ key: normalizeKeyBlock(secret), format: 'pem' });
  } catch {
    key = undefined;
  }
  let near: { cert: X509Certificate; dist: number } | undefined;
  for (const c of certs) {
    if (key) {
      try {
        if (c.cert.checkPrivateKey(key)) return datesOf(c.cert);
      } catch {
        // different key type: not this key's certificate
      }
      continue;
    }
    const dist = c.start >= end ? c.start - end : Math.max(0, start - c.end);
    if (dist <= NEAR_BYTES && (!near || dist < near.dist)) near = { cert: c.cert, dist };
  }
  return near ? datesOf(near.cert) : undefined;
}

function datesOf(c: X509Certificate): EmbeddedDates {
  return { notBefore: new Date(c.validFrom).toISOString(), expiresAt: new Date(c.validTo).toISOString() };
}

/** Wraps a key validator so a valid key gains its paired certificate's validity dates. */
export function withPairedCertificate(v: Validator): Validator {
  return (secret, ctx) => {
    const r = v(secret, ctx);
    if (!r.valid || !ctx) return r;
    const dates = pairedCertificateDates(secret, ctx.data, ctx.start, ctx.end);
    return dates ? { ...r, dates: { ...r.dates, ...dates } } : r;
  };
}
