import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { EmbeddedDates } from '../../types.js';
import { normalizeKeyBlock } from './private-key.js';
import type { Validator } from './types.js';

const MARKER = Buffer.from('-----BEGIN CERTIFICATE-----');
const CERT_RE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
/** A certificate this close to a key it cannot be matched to (an encrypted key) is taken as its pair. */
const NEAR_BYTES = 8192;

/**
 * A private key has no dates of its own, but the certificate issued for it does: its
 * `notBefore` ages the key, its `notAfter` is the key's expiry in practice. The certificate
 * must sit in the same chunk (a PEM bundle, a TLS Secret, a `.pem` with both), and is taken as
 * the key's pair when its public key matches the private key, or, when the key cannot be opened
 * (encrypted), when it is the nearest certificate within a few KB. Runs inside the worker:
 * the key never leaves it.
 */
export function pairedCertificateDates(secret: string, data: Buffer, start: number, end: number): EmbeddedDates | undefined {
  if (!data.includes(MARKER)) return undefined;
  const text = data.toString('latin1');
  let key: ReturnType<typeof createPrivateKey> | undefined;
  try {
    key = createPrivateKey({ key: normalizeKeyBlock(secret), format: 'pem' });
  } catch {
    key = undefined;
  }
  let near: { cert: X509Certificate; dist: number } | undefined;
  for (const m of text.matchAll(CERT_RE)) {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(normalizeKeyBlock(m[0]));
    } catch {
      continue;
    }
    if (key) {
      try {
        if (cert.checkPrivateKey(key)) return datesOf(cert);
      } catch {
        // different key type: not this key's certificate
      }
      continue;
    }
    const at = m.index ?? 0;
    const dist = at >= end ? at - end : Math.max(0, start - (at + m[0].length));
    if (dist <= NEAR_BYTES && (!near || dist < near.dist)) near = { cert, dist };
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
