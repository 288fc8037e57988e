// Every verifier of the shipped catalogue, against the local provider server, for the four
// answers a provider gives: active (with identity), inactive, rate-limited and malformed. Also
// where each request went (TLS name and Host header) and that the value never sits in a URL.
import t from 'tap';
import { loadCatalogue } from '../../dist/detectors/catalogue.js';
import { SecretValues } from '../../dist/engine/secret-values.js';
import { verifyStage, verifiersOf, hostsOf, DOCUMENTED_HOSTS, hostAllowed } from '../../dist/verify/index.js';
import { makeCertificates, startProviderServer } from './provider-server.mjs';

const catalogue = loadCatalogue();
const rules = new Map(catalogue.rules.map((r) => [r.id, r]));
const verifiers = verifiersOf(catalogue.rules);
const certs = makeCertificates(['acme-shop.myshopify.com', 'acme.atlassian.net']);

const PAIRED = { 'aws-secret-access-key': 'AKIAEYRUMWS6HCMZM4PD', 'twilio-auth-token-paired': 'AC0123456789abcdef0123456789abcdef', 'twilio-api-key-secret': 'SK0123456789abcdef0123456789abcdef' };
const CONTEXT = { shop: 'acme-shop', site: 'acme', email: 'ops@acme.test' };
const NETWORK = new Set(['redis-url', 'postgres-url', 'mysql-url', 'mongodb-url']);

/** What each provider answers when the credential works, by host. */
function activeAnswer(host, req, material) {
  if (host === 'sts.amazonaws.com')
    return { status: 200, headers: { 'content-type': 'text/xml' }, body: '<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/ci</Arn><UserId>AIDA</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>' };
  if (host === 'www.googleapis.com') return { status: 200, body: { [JSON.parse(material.value).private_key_id]: '-----BEGIN CERTIFICATE-----' } };
  if (host === 'slack.com') return { status: 200, headers: { 'x-oauth-scopes': 'chat:write,users:read' }, body: { ok: true, url: 'https://acme.slack.com/', user: 'bot' } };
  if (host === 'api.github.com') return { status: 200, headers: { 'x-oauth-scopes': 'repo, read:org', 'github-authentication-token-expiration': '2027-01-01 00:00:00 UTC' }, body: { login: 'acme-bot', total_count: 1 } };
  if (host.endsWith('datadoghq.com') || host.endsWith('datadoghq.eu')) return { status: 200, body: { valid: true } };
  return {
    status: 200,
    headers: { 'openai-organization': 'org-acme' },
    body: {
      active: true, user_id: 42, scopes: ['api'], expires_at: '2027-01-01', username: 'acme-npm', id: 'acct_1Acme', friendly_name: 'Acme', accounts: [{ friendly_name: 'Acme' }],
      object: 'list', data: [], items: [], models: [], name: 'acme', auth: { scopes: ['org:read'], accessToken: { role: 'write' } }, user: { email: 'ops@acme.test' },
      access_scopes: [{ handle: 'read_products' }], account: { email: 'ops@acme.test' }, email: 'ops@acme.test', emailAddress: 'ops@acme.test',
    },
  };
}

function inactiveAnswer(host) {
  if (host === 'sts.amazonaws.com') return { status: 403, headers: { 'content-type': 'text/xml' }, body: '<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code></Error></ErrorResponse>' };
  if (host === 'www.googleapis.com') return { status: 200, body: { '0000000000000000000000000000000000000000': 'cert' } };
  if (host === 'slack.com') return { status: 200, body: { ok: false, error: 'token_revoked' } };
  if (host === 'generativelanguage.googleapis.com') return { status: 400, body: { error: { status: 'INVALID_ARGUMENT', details: [{ reason: 'API_KEY_INVALID' }] } } };
  if (host.endsWith('datadoghq.com') || host.endsWith('datadoghq.eu')) return { status: 403, body: { errors: ['Forbidden'] } };
  return { status: 401, body: { message: 'Bad credentials' } };
}

const SCENARIOS = {
  active: (host, req, m) => activeAnswer(host, req, m),
  inactive: (host) => inactiveAnswer(host),
  'rate-limited': () => ({ status: 429, headers: { 'retry-after': '0' }, body: { error: 'slow down' } }),
  malformed: () => ({ status: 200, body: '<html>gateway says hello</html>' }),
};

function credentialFor(ruleId) {
  return { fingerprint: `fp-${ruleId}`, ruleId, severity: 'high', confidence: 'high', flags: [], reasons: {}, findings: [{ ruleId, ...(PAIRED[ruleId] ? { pairedWith: { ruleId: 'pair', fingerprint: `fp-pair-${ruleId}` } } : {}) }] };
}

async function verifyOne(ruleId, transport) {
  const values = new SecretValues();
  const value = rules.get(ruleId).examples[0].secret;
  const needsContext = JSON.stringify(rules.get(ruleId).verify).includes('ctx.');
  values.remember(`fp-${ruleId}`, value, needsContext ? CONTEXT : undefined);
  if (PAIRED[ruleId]) values.remember(`fp-pair-${ruleId}`, PAIRED[ruleId]);
  const out = await verifyStage([credentialFor(ruleId)], [], { verify: true, networkServices: false, onlyActive: false, timeoutSeconds: 3, budget: 50, perHostConcurrency: 2, ttlHours: 0, transport, limits: { backoffMs: 1, perHostGapMs: 0, retries: 1 } }, { values, log: () => {} });
  return { value, credential: out.credentials[0] };
}

t.test('every verifier declares only documented hosts over https', async (t) => {
  t.ok(verifiers.size >= 44, `${verifiers.size} verifiers`);
  for (const [id, v] of verifiers) {
    for (const h of hostsOf(v)) if (!NETWORK.has(id)) t.ok(hostAllowed(h.replace('*.', 'x.')), `${id} -> ${h} is documented`);
    if (v.kind === 'http') for (const r of v.requests) t.match(r.url, /^https:\/\/[^/:]+\//, `${id}: https on the default port`);
  }
  t.same(DOCUMENTED_HOSTS.filter((h) => !h.startsWith('*.') && !/^[a-z0-9.-]+$/.test(h)), []);
});

const PROVIDERS = ['github', 'gitlab', 'npm', 'aws', 'google', 'slack', 'stripe', 'twilio', 'sendgrid', 'mailgun', 'openai', 'anthropic', 'datadog', 'sentry', 'shopify', 'huggingface', 'digitalocean', 'heroku', 'atlassian'];
t.test('the providers issue 17 lists all have a verifier', async (t) => {
  const docs = [...verifiers.values()].map((v) => `${v.ruleId} ${v.docs}`).join('\n');
  for (const p of PROVIDERS) t.match(docs, new RegExp(p), p);
});

for (const [ruleId, v] of verifiers) {
  if (NETWORK.has(ruleId)) continue;
  t.test(`${ruleId}: active, inactive, rate-limited, malformed`, async (t) => {
    const usesContext = JSON.stringify(rules.get(ruleId).verify).includes('ctx.');
    for (const [name, make] of Object.entries(SCENARIOS)) {
      let material;
      const srv = await startProviderServer(certs, (req) => make(req.servername, req, material));
      try {
        material = { value: rules.get(ruleId).examples[0].secret };
        const { value, credential } = await verifyOne(ruleId, srv.transport);
        const ver = credential.verification;
        t.ok(srv.requests.length > 0, `${name}: asked`);
        for (const r of srv.requests) {
          t.equal(r.host, r.servername, `${name}: Host header matches the TLS name`);
          t.ok(hostAllowed(r.servername), `${name}: ${r.servername} is a documented host`);
          t.ok(hostsOf(v).some((h) => h === r.servername || (h.startsWith('*.') && r.servername.endsWith(h.slice(1)))), `${name}: went to the verifier's own host`);
          t.notOk(r.url.includes(value) || r.url.includes(encodeURIComponent(value)), `${name}: the value is not in the URL`);
          const sent = JSON.stringify(r.headers) + r.body;
          const basic = (r.headers.authorization ?? '').startsWith('Basic ') ? Buffer.from(r.headers.authorization.slice(6), 'base64').toString() : '';
          if (v.kind === 'google-service-account') t.notOk(sent.includes('PRIVATE KEY'), 'the key file never leaves');
          else if (v.kind === 'aws-sigv4') t.match(r.headers.authorization, /^AWS4-HMAC-SHA256 Credential=AKIAEYRUMWS6HCMZM4PD\/\d{8}\/us-east-1\/sts\/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=[0-9a-f]{64}$/);
          else t.ok(sent.includes(value) || basic.includes(value), `${name}: the value travels in a header`);
        }
        if (name === 'active') {
          t.equal(ver.status, 'active', `${name}: ${ver.reason}`);
          t.ok(credential.flags.includes('active'));
          t.equal(credential.severity, 'high');
        } else if (name === 'inactive') {
          t.equal(ver.status, usesContext ? 'unknown' : 'inactive', `${name}: ${ver.reason}`);
          if (!usesContext) t.match(credential.reasons.inactive, /^revoked or expired at the provider/);
          if (!usesContext) t.equal(credential.severity, 'medium');
        } else {
          t.equal(ver.status, 'unknown', `${name}: ${ver.reason}`);
          t.same(credential.flags, [], 'unknown adds no flag');
          t.match(ver.reason, name === 'rate-limited' ? /rate-limited/ : /malformed|unexpected/);
        }
        t.notOk(JSON.stringify(credential).includes(value), `${name}: the value is nowhere in the credential`);
      } finally {
        await srv.close();
      }
    }
  });
}

t.test('identity read from the answers', async (t) => {
  const srv = await startProviderServer(certs, (req) => activeAnswer(req.servername, req, { value: rules.get('gcp-service-account-key').examples[0].secret }));
  t.teardown(srv.close);
  const gh = (await verifyOne('github-pat-classic', srv.transport)).credential;
  t.same(gh.verification.identity, { account: 'acme-bot', scopes: ['repo', 'read:org'], expiresAt: '2027-01-01 00:00:00 UTC' });
  t.match(gh.reasons.active, /^accepted by api\.github\.com on \d{4}-\d\d-\d\d: account acme-bot, scopes repo, read:org, expires 2027-01-01/);
  const aws = (await verifyOne('aws-secret-access-key', srv.transport)).credential;
  t.equal(aws.verification.identity.account, 'arn:aws:iam::123456789012:user/ci (account 123456789012)');
  const shop = (await verifyOne('shopify-access-token', srv.transport)).credential;
  t.same(shop.verification.identity.scopes, ['read_products']);
  t.equal(srv.requests.find((r) => r.servername.endsWith('myshopify.com')).servername, 'acme-shop.myshopify.com');
  const sa = (await verifyOne('gcp-service-account-key', srv.transport)).credential;
  t.equal(sa.verification.identity.account, 'deployer@acme-7wzb9g.iam.gserviceaccount.com');
});
