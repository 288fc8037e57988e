import type { Confidence } from '../../types.js';
import type { Validator } from './types.js';

/**
 * Password hashes are credentials too: crackable offline, and reversible in the Cisco type 7
 * and Juniper $9$ cases. The regexes find the shape; this checks the structure each scheme
 * guarantees (alphabet, encoded lengths, the padding bits of the last character, parameter
 * ranges), so an identifier or a truncated value that merely looks like a hash is dropped.
 */
const CRYPT64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BCRYPT64 = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function base64Bytes(s: string): number | undefined {
  const t = s.replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/._-]*$/.test(t) || t.length % 4 === 1) return undefined;
  return Math.floor((t.length * 6) / 8);
}

// Base64 groups that do not fill the last character leave its low bits zero.
const lastCharBits = (alphabet: string, s: string, unusedBits: number) => alphabet.indexOf(s[s.length - 1]) % (1 << unusedBits) === 0;

function bcrypt(s: string): boolean {
  const m = /^\$2[abxy]?\$(\d{2})\$([./A-Za-z0-9]{22})([./A-Za-z0-9]{31})$/.exec(s);
  if (!m) return false;
  const cost = Number(m[1]);
  // 16-byte salt in 22 characters (4 unused bits), 23-byte hash in 31 (2 unused bits).
  return cost >= 4 && cost <= 31 && lastCharBits(BCRYPT64, m[2], 4) && lastCharBits(BCRYPT64, m[3], 2);
}

// crypt(3) encodes the last bytes little-end first: the final character holds only the top bits.
const CRYPT_TAIL: Record<string, { len: number; max: number }> = { '1': { len: 22, max: 4 }, '5': { len: 43, max: 16 }, '6': { len: 86, max: 4 } };
function crypt(s: string): boolean {
  const m = /^\$([156])\$(?:rounds=(\d+)\$)?([./A-Za-z0-9]{1,16})\$([./A-Za-z0-9]+)$/.exec(s) ?? /^\$(apr1)\$()([./A-Za-z0-9]{1,8})\$([./A-Za-z0-9]+)$/.exec(s);
  if (!m) return false;
  const spec = CRYPT_TAIL[m[1] === 'apr1' ? '1' : m[1]];
  if (m[2] && (Number(m[2]) < 1000 || Number(m[2]) > 999_999_999)) return false;
  return m[4].length === spec.len && CRYPT64.indexOf(m[4][m[4].length - 1]) < spec.max;
}

function yescrypt(s: string): boolean {
  const m = /^\$y\$([./A-Za-z0-9]{1,10})\$([./A-Za-z0-9]{1,86})\$([./A-Za-z0-9]{43})$/.exec(s);
  return !!m && CRYPT64.indexOf(m[3][42]) < 16;
}

function phc(s: string): boolean {
  const m = /^\$(argon2(?:id|i|d)|scrypt|pbkdf2-sha(?:1|256|512))\$(?:v=(\d+)\$)?([a-z]=\d+(?:,[a-z]+=\d+)*)\$([A-Za-z0-9+/.]+)\$([A-Za-z0-9+/.]+)$/.exec(s);
  if (!m) return false;
  if (m[2] && !['16', '19'].includes(m[2])) return false;
  const params = Object.fromEntries(m[3].split(',').map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)]));
  if (m[1].startsWith('argon2') && !(params.m >= 8 && params.t >= 1 && params.p >= 1)) return false;
  const salt = base64Bytes(m[4]);
  const hash = base64Bytes(m[5]);
  return salt !== undefined && hash !== undefined && salt >= 8 && hash >= 16;
}

const DIGEST_BYTES: Record<string, number> = { sha1: 20, sha256: 32, sha512: 64 };
function django(s: string): boolean {
  const m = /^pbkdf2_(sha1|sha256|sha512)\$(\d{3,8})\$([A-Za-z0-9./+]{1,128})\$([A-Za-z0-9+/]+={0,2})$/.exec(s);
  return !!m && base64Bytes(m[4]) === DIGEST_BYTES[m[1]];
}

function werkzeug(s: string): boolean {
  const m = /^(?:pbkdf2:(sha1|sha256|sha512)(?::\d+)?|scrypt:\d+:\d+:\d+)\$[A-Za-z0-9]{1,64}\$([a-f0-9]+)$/.exec(s);
  if (!m) return false;
  return m[1] ? m[2].length === DIGEST_BYTES[m[1]] * 2 : m[2].length === 128;
}

function scram(s: string): boolean {
  const m = /^SCRAM-SHA-256\$(\d+):([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/.exec(s);
  return !!m && Number(m[1]) >= 1000 && base64Bytes(m[3]) === 32 && base64Bytes(m[4]) === 32;
}

function ldap(s: string): boolean {
  const m = /^\{(SSHA512|SSHA256|SSHA|SHA512|SHA256|SHA|SMD5|MD5)\}([A-Za-z0-9+/]+={0,2})$/i.exec(s);
  if (!m) return /^\{(?:CRYPT|PBKDF2[-A-Z0-9]*|ARGON2)\}\S{8,}$/i.test(s);
  const min: Record<string, number> = { SHA: 20, SSHA: 21, SHA256: 32, SSHA256: 33, SHA512: 64, SSHA512: 65, MD5: 16, SMD5: 17 };
  const n = base64Bytes(m[2]);
  return n !== undefined && n >= min[m[1].toUpperCase()];
}

// Hashes of the empty password: a dump line with them holds no credential.
const EMPTY_NT = new Set(['31d6cfe0d16ae931b73c59d7e0c089c0', 'aad3b435b51404eeaad3b435b51404ee']);

// Cisco IOS type 7 is an XOR with a fixed, published key: decodable, so a real password.
const CISCO7_KEY = 'dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87';
export function decodeCiscoType7(s: string): string | undefined {
  if (!/^\d{2}(?:[0-9A-Fa-f]{2})+$/.test(s)) return undefined;
  const seed = Number(s.slice(0, 2));
  if (seed > 15) return undefined;
  let out = '';
  for (let i = 2; i < s.length; i += 2) {
    const c = parseInt(s.slice(i, i + 2), 16) ^ CISCO7_KEY.charCodeAt((seed + (i - 2) / 2) % CISCO7_KEY.length);
    if (c < 0x20 || c > 0x7e) return undefined;
    out += String.fromCharCode(c);
  }
  return out;
}

function phpass(s: string): boolean {
  const m = /^\$[PH]\$([./A-Za-z0-9])[./A-Za-z0-9]{8}[./A-Za-z0-9]{22}$/.exec(s);
  if (!m) return false;
  const log2 = CRYPT64.indexOf(m[1]);
  return log2 >= 7 && log2 <= 30;
}

/** True when `s` is a structurally valid hash of a scheme this file knows. */
export function isPasswordHash(s: string): boolean {
  if (s.startsWith('$2')) return bcrypt(s);
  if (/^\$(?:[156]|apr1)\$/.test(s)) return crypt(s);
  if (s.startsWith('$y$')) return yescrypt(s);
  if (/^\$(?:argon2|scrypt\$|pbkdf2-)/.test(s)) return phc(s);
  if (s.startsWith('pbkdf2_')) return django(s);
  if (/^(?:pbkdf2:|scrypt:)/.test(s)) return werkzeug(s);
  if (s.startsWith('SCRAM-SHA-256$')) return scram(s);
  if (s.startsWith('{')) return ldap(s);
  if (/^\$[PH]\$/.test(s)) return phpass(s);
  if (/^\*[A-F0-9]{40}$/.test(s)) return s !== '*' + '0'.repeat(40);
  if (/^md5[a-f0-9]{32}$/.test(s)) return true;
  if (/^[a-fA-F0-9]{32}$/.test(s)) return !EMPTY_NT.has(s.toLowerCase());
  if (/^0x0[12]00[A-Fa-f0-9]{88,136}$/.test(s)) return true;
  if (/^\$[89]\$/.test(s)) return /^\$[89]\$[A-Za-z0-9./-]{8,}/.test(s);
  if (/^\d{2}[0-9A-Fa-f]+$/.test(s)) return decodeCiscoType7(s) !== undefined;
  return false;
}

function withConfidence(confidence: Confidence | undefined): Validator {
  return (secret) => (isPasswordHash(secret) ? { valid: true, confidence } : { valid: false });
}

/** Hash in a place that makes it a live credential (shadow file, user table): high. */
export const passwordHash = withConfidence(undefined);
/** Hash assigned to a password-named field in code or config: medium. */
export const passwordHashMedium = withConfidence('medium');
/** Hash on its own, where test vectors and docs also put them: low. */
export const passwordHashLow = withConfidence('low');
