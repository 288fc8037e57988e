// The verify stage in the run path: a report shows `active` with identity, verdicts and
// --fail-on / --only-active use it, the inventory caches answers and keeps their history, it is
// off unless asked, and no value reaches any output. All against the local provider server.
import t from 'tap';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dirJob, resolveSettings, runScan } from '../../dist/app/index.js';
import { Inventory } from '../../dist/inventory/index.js';
import { severityOf } from '../../dist/hygiene/severity.js';
import { parseFailOn } from '../../dist/policy/fail-on.js';
import { loadCatalogue } from '../../dist/detectors/catalogue.js';
import { makeCertificates, startProviderServer } from './provider-server.mjs';

const GROUPS = ['input', 'detection', 'output', 'hygiene', 'verification'];
// Fake tokens with valid checksums, from the catalogue's examples.
const ACTIVE = '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';
const SLACK = loadCatalogue().rules.find((r) => r.id === 'slack-bot-token').examples[0].secret;
const certs = makeCertificates();
const dir = mkdtempSync(join(tmpdir(), 'credsweep-verify-stage-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
process.env.XDG_CONFIG_HOME = dir;
const target = join(dir, 'repo');
mkdirSync(target);
writeFileSync(join(target, '.env'), `GITHUB_TOKEN=${ACTIVE}\nSLACK_BOT_TOKEN=${SLACK}\n`);

const server = await startProviderServer(certs, (req) => {
  if (req.servername === 'api.github.com')
    return req.headers.authorization === `Bearer ${ACTIVE}` ? { status: 200, headers: { 'x-oauth-scopes': 'repo' }, body: { login: 'acme-bot' } } : { status: 401, body: {} };
  if (req.servername === 'slack.com') return { status: 200, body: { ok: false, error: 'token_revoked' } };
  return { status: 404, body: {} };
});
t.teardown(server.close);
const fast = { backoffMs: 1, perHostGapMs: 0 };

async function scan(flags, verification = {}) {
  const out = join(dir, `report-${Math.random().toString(36).slice(2)}.json`);
  const s = resolveSettings({ format: 'json', output: out, threads: 0, progress: false, ...flags }, GROUPS);
  s.verification = { ...s.verification, transport: server.transport, limits: fast, ...verification };
  const logs = [];
  const write = process.stderr.write;
  process.stderr.write = (c) => (logs.push(String(c)), true);
  let code;
  try {
    code = await runScan(dirJob(target), s);
  } finally {
    process.stderr.write = write;
  }
  const text = readFileSync(out, 'utf8');
  return { code, text, doc: JSON.parse(text), stderr: logs.join('') };
}

t.test('off unless asked: no request, no flag', async (t) => {
  const before = server.requests.length;
  const r = await scan({});
  t.equal(server.requests.length, before, 'nothing contacted');
  t.notOk(r.doc.credentials.some((c) => c.verification));
  t.throws(() => resolveSettings({ onlyActive: true }, GROUPS), /--only-active only applies with --verify/);
});

t.test('--verify: hosts printed first, active with identity, inactive lowered, values nowhere', async (t) => {
  const r = await scan({ verify: true });
  t.match(r.stderr, /verify: will contact api\.github\.com \(1\), slack\.com \(1\) over TLS/);
  const gh = r.doc.credentials.find((c) => c.ruleId === 'github-pat-classic');
  t.ok(gh.flags.includes('active'));
  t.match(gh.verification, { status: 'active', hosts: ['api.github.com'], identity: { account: 'acme-bot', scopes: ['repo'] } });
  t.match(gh.reasons.active, /account acme-bot/);
  t.equal(gh.inHead, true);
  const slack = r.doc.credentials.find((c) => c.ruleId === 'slack-bot-token');
  t.ok(slack.flags.includes('inactive'));
  t.match(slack.reasons.inactive, /^revoked or expired at the provider/);
  t.equal(slack.severity, 'medium', 'high confidence, inactive: one step down');
  t.notOk(r.text.includes(ACTIVE) || r.stderr.includes(ACTIVE), 'the value is in no output');
  t.notOk(r.text.includes(SLACK), 'nor the other');
});

t.test('--only-active and --fail-on active', async (t) => {
  const only = await scan({ verify: true, onlyActive: true });
  t.same(only.doc.credentials.map((c) => c.ruleId), ['github-pat-classic']);
  t.equal(only.doc.findings.length, 1, 'only the active credential\'s findings');
  const fails = await scan({ verify: true, failOn: 'active' });
  t.equal(fails.code, 1);
  const none = await scan({ verify: true, failOn: 'active' }, { transport: { ...server.transport, connect: { host: '127.0.0.1', port: 1 } }, limits: { ...fast, retries: 0 } });
  t.equal(none.code, 0, 'nothing verified active (unreachable): --fail-on active passes');
  t.ok(none.doc.credentials.every((c) => c.verification.status === 'unknown'));
});

t.test('inventory: each credential asked once per TTL; history says since when', async (t) => {
  const db = join(dir, 'inv.sqlite');
  const first = await scan({ verify: true, db });
  const asked = server.requests.length;
  const second = await scan({ verify: true, db });
  t.equal(server.requests.length, asked, 'within the TTL: answered from the inventory');
  t.equal(second.doc.credentials.find((c) => c.ruleId === 'github-pat-classic').verification.cached, true);
  t.ok(first.doc.credentials.every((c) => !c.verification.cached));
  await scan({ verify: true, db, verifyTtl: 0 });
  t.ok(server.requests.length > asked, 'TTL 0: asked again');
  const inv = Inventory.open(db);
  t.teardown(() => inv.close());
  const fp = first.doc.credentials.find((c) => c.ruleId === 'github-pat-classic').fingerprint;
  t.same(inv.verificationHistory(fp).map((h) => h.status), ['active', 'active']);
  inv.recordVerification('fp-x', { status: 'active', checkedAt: '2026-01-01T00:00:00.000Z', hosts: ['h'], reason: 'r' });
  inv.recordVerification('fp-x', { status: 'inactive', checkedAt: '2026-02-01T00:00:00.000Z', hosts: ['h'], reason: 'r' });
  inv.recordVerification('fp-x', { status: 'active', checkedAt: '2026-03-01T00:00:00.000Z', hosts: ['h'], reason: 'r' });
  inv.recordVerification('fp-x', { status: 'active', checkedAt: '2026-04-01T00:00:00.000Z', hosts: ['h'], reason: 'r' });
  t.equal(inv.activeSince('fp-x'), '2026-03-01T00:00:00.000Z', 'since the last time it was refused');
  t.notOk(readFileSync(db).includes(Buffer.from(ACTIVE)), 'the inventory never holds the value');
});

t.test('severity with verification', async (t) => {
  t.equal(severityOf('low', ['active']), 'high', 'a provider accepted it: it is real');
  t.equal(severityOf('medium', ['stale', 'active']), 'critical', 'stale + active is critical');
  t.equal(severityOf('high', ['history-only', 'active']), 'high', 'history still hands it out');
  t.equal(severityOf('high', ['inactive']), 'medium');
  t.equal(severityOf('high', ['stale', 'inactive']), 'medium', 'no longer made worse by its age');
  t.equal(severityOf('high', ['history-only', 'inactive']), 'low');
  t.same(parseFailOn('active').flags, ['active']);
});
