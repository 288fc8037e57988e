import t from 'tap';
import { execFileSync } from 'node:child_process';
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { isPasswordHash, decodeCiscoType7, passwordHash, passwordHashLow } from '../../../dist/detectors/validators/password-hash.js';

const openssl = (...args) => execFileSync('openssl', ['passwd', ...args], { encoding: 'utf8' }).trim();
const B64 = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

t.test('crypt(3) hashes made by openssl pass; truncated or re-tailed ones do not', async (t) => {
  for (const flag of ['-6', '-5', '-1', '-apr1']) {
    const h = openssl(flag, '-salt', 'pQ7xVb2K', 'Tr0ub4dor-and-3');
    t.ok(isPasswordHash(h), `${flag} ${h.slice(0, 6)}`);
    t.notOk(isPasswordHash(h.slice(0, -1)), `${flag} truncated`);
  }
  const six = openssl('-6', '-salt', 'pQ7xVb2K', 'x');
  // The final character of a SHA-512 crypt holds two bits: only ./01 can end one.
  t.notOk(isPasswordHash(six.slice(0, -1) + 'z'));
});

t.test('bcrypt: cost range and the zero padding bits of salt and hash', async (t) => {
  const salt = 'Xk3mP9qR2vL8nT4wY6zB1e'; // ends in e: index 32, low 4 bits zero
  const hash = 'Q2w3E4r5T6y7U8i9O0pAsDfGhJkLzX.'; // ends in '.', index 0
  t.ok(isPasswordHash(`$2b$12$${salt}${hash}`));
  t.notOk(isPasswordHash(`$2b$12$${salt.slice(0, -1)}f${hash}`), 'salt tail with set low bits');
  t.notOk(isPasswordHash(`$2b$12$${salt}${hash.slice(0, -1)}/`), 'hash tail with set low bits');
  t.notOk(isPasswordHash(`$2b$03$${salt}${hash}`), 'cost below 4');
  t.notOk(isPasswordHash(`$2b$12$${salt}${hash.slice(1)}`), 'short');
  void B64;
});

t.test('PBKDF2 (Django) checks the digest length; PHC strings check parameters and sizes', async (t) => {
  const dk = pbkdf2Sync('pw', 'c2FsdHNhbHQ', 870000 / 1000, 32, 'sha256').toString('base64');
  t.ok(isPasswordHash(`pbkdf2_sha256$870000$c2FsdHNhbHQ$${dk}`));
  t.notOk(isPasswordHash(`pbkdf2_sha256$870000$c2FsdHNhbHQ$${dk.slice(0, 20)}`));
  const salt = randomBytes(16).toString('base64').replace(/=+$/, '');
  const out = randomBytes(32).toString('base64').replace(/=+$/, '');
  t.ok(isPasswordHash(`$argon2id$v=19$m=65536,t=3,p=4$${salt}$${out}`));
  t.notOk(isPasswordHash(`$argon2id$v=19$m=0,t=3,p=4$${salt}$${out}`), 'no memory');
  t.notOk(isPasswordHash(`$argon2id$v=7$m=65536,t=3,p=4$${salt}$${out}`), 'unknown version');
});

t.test('NT hashes of the empty password are not credentials', async (t) => {
  t.notOk(isPasswordHash('31d6cfe0d16ae931b73c59d7e0c089c0'));
  t.ok(isPasswordHash('8846f7eaee8fb117ad06bdd830b7586c'));
});

t.test('Cisco type 7 decodes to printable text; other digit strings do not', async (t) => {
  const KEY = 'dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87';
  const enc = (pw, seed) => String(seed).padStart(2, '0') + [...pw].map((c, i) => (c.charCodeAt(0) ^ KEY.charCodeAt((seed + i) % KEY.length)).toString(16).padStart(2, '0').toUpperCase()).join('');
  t.equal(decodeCiscoType7(enc('Edge-Rtr!2024', 7)), 'Edge-Rtr!2024');
  t.ok(isPasswordHash(enc('Edge-Rtr!2024', 3)));
  t.equal(decodeCiscoType7('99' + '00'.repeat(6)), undefined, 'seed out of range');
  t.equal(decodeCiscoType7('03643B'), undefined, 'decodes to control characters');
});

t.test('the confidence the rule asked for is what a valid hash gets', async (t) => {
  const h = openssl('-6', '-salt', 'pQ7xVb2K', 'x');
  t.same(passwordHash(h), { valid: true, confidence: undefined });
  t.same(passwordHashLow(h), { valid: true, confidence: 'low' });
  t.same(passwordHash('$6$short$x'), { valid: false });
});
