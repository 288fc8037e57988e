import { createHash, createHmac, createPrivateKey } from 'node:crypto';
import type { ValidationResult, Validator } from './types.js';

const LOW = (note: string): ValidationResult => ({ valid: true, confidence: 'low', note });

/**
 * Undoes the ways a key block gets embedded: JSON/YAML string escapes (`\n`, `\r\n`),
 * indentation of YAML block scalars and heredocs, and CR line ends.
 */
export function normalizeKeyBlock(secret: string): string {
  return secret
    .replace(/\\r\\n|\\n|\\r/g, '\n')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l, i, all) => l.length > 0 || (i > 0 && i < all.length - 1))
    .join('\n');
}

/**
 * A PEM, OpenSSH, PuTTY or PGP private key must have the structure of a key. Keys that do
 * not (truncated, `...` placeholders, documentation stubs) are kept at low confidence: a
 * half key is still worth a look, but it must not fail a build. Encrypted keys cannot be
 * opened without their passphrase; they are real keys but need a second secret to use, so
 * they are reported at medium confidence.
 */
export const privateKey: Validator = (secret) => {
  const text = normalizeKeyBlock(secret);
  if (text.startsWith('PuTTY-User-Key-File-')) return puttyKey(text);
  if (/^-----BEGIN PGP PRIVATE KEY BLOCK-----/.test(text)) return pgpKey(text);
  if (/^-----BEGIN OPENSSH PRIVATE KEY-----/.test(text)) return opensshKey(text);
  try {
    createPrivateKey({ key: text, format: 'pem' });
    return { valid: true };
  } catch (e) {
    const msg = String((e as Error).message);
    // Node reports a key that needs a passphrase as "interrupted or cancelled" (no prompt).
    const encrypted = /^-----BEGIN ENCRYPTED |\nProc-Type: 4,ENCRYPTED\n/.test(text);
    if (encrypted || /passphrase|decrypt/i.test(msg)) {
      const body = pemBody(text);
      if (body && body.length >= 64 && body[0] === 0x30) return { valid: true, confidence: 'medium', note: 'encrypted private key' };
      if (encrypted && !body) return LOW('does not parse as a private key (truncated or placeholder)');
      if (body && body.length >= 64 && text.includes('Proc-Type')) return { valid: true, confidence: 'medium', note: 'encrypted private key' };
    }
    return LOW('does not parse as a private key (truncated or placeholder)');
  }
};

function pemBody(text: string): Buffer | undefined {
  const lines = text.split('\n');
  const body = lines.slice(1, -1).filter((l) => !/^[A-Za-z-]+: /.test(l)).join('');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return undefined;
  return Buffer.from(body, 'base64');
}

function pgpKey(text: string): ValidationResult {
  const body = text.split('\n').filter((l) => /^[A-Za-z0-9+/=]{16,}$/.test(l)).join('');
  if (body.length < 200) return LOW('PGP key block too short to be a key');
  // First packet: a secret-key packet (tag 5) in old or new format.
  const b = Buffer.from(body, 'base64');
  const tag = b[0] & 0x40 ? b[0] & 0x3f : (b[0] >> 2) & 0x0f;
  if (!(b[0] & 0x80) || (tag !== 5 && tag !== 7)) return LOW('PGP block does not start with a secret-key packet');
  return { valid: true };
}

/** `openssh-key-v1\0`, cipher name, kdf name, kdf options, key count, public keys, private section. */
function opensshKey(text: string): ValidationResult {
  const b = pemBody(text);
  const MAGIC = 'openssh-key-v1\0';
  if (!b || b.length < 64 || b.toString('latin1', 0, MAGIC.length) !== MAGIC) return LOW('not an openssh-key-v1 structure');
  let at = MAGIC.length;
  const str = (): Buffer | undefined => {
    if (at + 4 > b.length) return undefined;
    const n = b.readUInt32BE(at);
    at += 4;
    if (at + n > b.length) return undefined;
    const s = b.subarray(at, at + n);
    at += n;
    return s;
  };
  const cipher = str()?.toString('latin1');
  const kdf = str()?.toString('latin1');
  if (str() === undefined || cipher === undefined || kdf === undefined) return LOW('truncated OpenSSH key');
  if (at + 4 > b.length) return LOW('truncated OpenSSH key');
  const count = b.readUInt32BE(at);
  at += 4;
  if (count < 1 || count > 16) return LOW('OpenSSH key count out of range');
  for (let i = 0; i < count; i++) if (str() === undefined) return LOW('truncated OpenSSH key');
  const priv = str();
  if (!priv || priv.length < 8 || priv.length % 8 !== 0) return LOW('truncated OpenSSH key');
  if (cipher !== 'none') return { valid: true, confidence: 'medium', note: 'encrypted private key' };
  // Unencrypted: the private section opens with two equal check integers.
  if (priv.readUInt32BE(0) !== priv.readUInt32BE(4)) return LOW('OpenSSH check integers differ');
  return { valid: true };
}

/** PPK v2/v3: headers, public and private base64 lines, and a MAC that can be checked when unencrypted. */
function puttyKey(text: string): ValidationResult {
  const lines = text.split('\n');
  const header = /^PuTTY-User-Key-File-([23]): (\S+)$/.exec(lines[0]);
  if (!header) return LOW('unknown PuTTY key file version');
  const version = Number(header[1]);
  const alg = header[2];
  const fields = new Map<string, string>();
  let pub = '';
  let priv = '';
  for (let i = 1; i < lines.length; i++) {
    const m = /^([A-Za-z0-9-]+): ?(.*)$/.exec(lines[i]);
    if (!m) return LOW('malformed PuTTY key file');
    const [, k, v] = m;
    fields.set(k, v);
    if (k === 'Public-Lines' || k === 'Private-Lines') {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 128) return LOW('malformed PuTTY key file');
      const blob = lines.slice(i + 1, i + 1 + n).join('');
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(blob)) return LOW('PuTTY key lines are not base64');
      if (k === 'Public-Lines') pub = blob;
      else priv = blob;
      i += n;
    }
  }
  const enc = fields.get('Encryption');
  const comment = fields.get('Comment') ?? '';
  const mac = fields.get('Private-MAC');
  if (!enc || !pub || !priv || !mac) return LOW('incomplete PuTTY key file');
  if (enc !== 'none') return { valid: true, confidence: 'medium', note: 'encrypted private key' };
  const s = (x: Buffer | string) => {
    const v = Buffer.isBuffer(x) ? x : Buffer.from(x, 'utf8');
    const l = Buffer.alloc(4);
    l.writeUInt32BE(v.length);
    return Buffer.concat([l, v]);
  };
  const data = Buffer.concat([s(alg), s(enc), s(comment), s(Buffer.from(pub, 'base64')), s(Buffer.from(priv, 'base64'))]);
  const expect =
    version === 3
      ? createHmac('sha256', Buffer.alloc(0)).update(data).digest('hex')
      : createHmac('sha1', createHash('sha1').update('putty-private-key-file-mac-key').digest()).update(data).digest('hex');
  if (expect !== mac.toLowerCase()) return LOW('PuTTY key MAC does not match (edited or truncated)');
  return { valid: true };
}
