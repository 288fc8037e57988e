// A private key beside its certificate is aged by the certificate's validity (made here with
// Node's crypto: key pair, DER-encoded TBSCertificate, ECDSA signature).
import t from 'tap';
import { generateKeyPairSync, sign } from 'node:crypto';
import { Scanner } from '../../dist/engine/scanner.js';
import { analyseCredentials } from '../../dist/hygiene/analyse.js';

const der = (tag, ...parts) => {
  const body = Buffer.concat(parts);
  const n = body.length;
  const len = n < 128 ? Buffer.from([n]) : n < 256 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 255]);
  return Buffer.concat([Buffer.from([tag]), len, body]);
};
const seq = (...p) => der(0x30, ...p);
const utc = (d) => der(0x17, Buffer.from(d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z'));
const ECDSA_SHA256 = seq(Buffer.from('06082a8648ce3d040302', 'hex'));
const name = (cn) => seq(der(0x31, seq(Buffer.from('0603550403', 'hex'), der(0x0c, Buffer.from(cn)))));

function selfSigned(notBefore, notAfter) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const tbs = seq(der(0x02, Buffer.from([0x01, 0x23])), ECDSA_SHA256, name('credsweep test'), seq(utc(notBefore), utc(notAfter)), name('credsweep test'), publicKey.export({ type: 'spki', format: 'der' }));
  const cert = seq(tbs, ECDSA_SHA256, der(0x03, Buffer.from([0]), sign('sha256', tbs, privateKey)));
  const pem = `-----BEGIN CERTIFICATE-----\n${cert.toString('base64').match(/.{1,64}/g).join('\n')}\n-----END CERTIFICATE-----\n`;
  return { key: privateKey.export({ type: 'pkcs8', format: 'pem' }), cert: pem };
}

t.test('key + matching certificate: notBefore ages the key, notAfter is its expiry', async (t) => {
  const mine = selfSigned(new Date('2023-03-01T00:00:00Z'), new Date('2024-03-01T00:00:00Z'));
  const other = selfSigned(new Date('2020-01-01T00:00:00Z'), new Date('2030-01-01T00:00:00Z'));
  // The unrelated certificate comes first and nearest: only the matching one may date the key.
  const data = Buffer.from(other.cert + mine.key + mine.cert);
  const scanner = new Scanner({ threads: 0, fingerprintKey: Buffer.from('aa'.repeat(32), 'hex'), showSecrets: false, minConfidence: 'medium' });
  const findings = await scanner.scanAll([{ data, origin: { kind: 'file', path: 'tls/bundle.pem' } }]);
  await scanner.close();
  const keys = findings.filter((f) => f.ruleId.startsWith('private-key'));
  t.equal(keys.length, 1);
  t.same(keys[0].dates, { notBefore: '2023-03-01T00:00:00.000Z', expiresAt: '2024-03-01T00:00:00.000Z' });
  const [c] = analyseCredentials(keys, { now: new Date('2025-01-01T00:00:00Z') });
  t.same(c.flags, ['expired']);
  t.equal(c.ageEvidence, 'paired certificate valid from 2023-03-01');
  t.equal(c.reasons.expired, 'expired on 2024-03-01 (paired certificate notAfter); it opens nothing now, but it leaked and whatever it protected was exposed until then');
  t.notOk(JSON.stringify(c).includes('PRIVATE KEY-----\n'), 'no key material in the credential');
});

t.test('a key without its certificate has no dates', async (t) => {
  const mine = selfSigned(new Date('2023-03-01T00:00:00Z'), new Date('2024-03-01T00:00:00Z'));
  const other = selfSigned(new Date('2020-01-01T00:00:00Z'), new Date('2030-01-01T00:00:00Z'));
  const scanner = new Scanner({ threads: 0, fingerprintKey: Buffer.from('aa'.repeat(32), 'hex'), showSecrets: false, minConfidence: 'medium' });
  const findings = await scanner.scanAll([{ data: Buffer.from(mine.key + other.cert), origin: { kind: 'file', path: 'k.pem' } }]);
  await scanner.close();
  t.equal(findings.length, 1);
  t.equal(findings[0].dates, undefined);
});
