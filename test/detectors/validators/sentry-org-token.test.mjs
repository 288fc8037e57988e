import t from 'tap';
import { sentryOrgToken } from '../../../dist/detectors/validators/sentry-org-token.js';

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64');
const SECRET = 'q7Vb0mJ2xP4kR9sT1uW3yZ5aC8eG0iK2mO4qS6uW8yA';
const payload = { iat: 1718903345.120391, url: 'https://sentry.io', region_url: 'https://us.sentry.io', org: 'acme' };

t.test('accepts a token whose payload is Sentry JSON', async (t) => {
  const r = sentryOrgToken(`sntrys_${b64(payload)}_${SECRET}`);
  t.equal(r.valid, true);
  t.equal(r.dates?.issuedAt, new Date(1718903345120).toISOString().replace(/\.\d{3}Z$/, '.120Z'));
});

t.test('rejects a payload without iat', async (t) => {
  t.equal(sentryOrgToken(`sntrys_${b64({ url: 'https://sentry.io', org: 'acme' })}_${SECRET}`).valid, false);
});

t.test('rejects a payload that is not JSON', async (t) => {
  t.equal(sentryOrgToken(`sntrys_${Buffer.from('not json at all, just text').toString('base64')}_${SECRET}`).valid, false);
});

t.test('rejects a secret of the wrong length or an extra underscore', async (t) => {
  t.equal(sentryOrgToken(`sntrys_${b64(payload)}_${SECRET.slice(1)}`).valid, false);
  t.equal(sentryOrgToken(`sntrys_${b64(payload)}_x_${SECRET}`).valid, false);
  t.equal(sentryOrgToken(`sntryu_${b64(payload)}_${SECRET}`).valid, false);
});
