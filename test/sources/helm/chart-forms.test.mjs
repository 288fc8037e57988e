// The corpus chart in every form helm knows (folder, package, subchart packaged inside,
// folder of charts, chart repository) gives exactly the expected findings with yaml paths.
import t from 'tap';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS, packageChart, row, scanHelm } from './helpers.mjs';

const expected = JSON.parse(readFileSync(join(CORPUS, 'webapp.expected.json'), 'utf8'));
const chartDir = join(CORPUS, 'webapp');
const work = mkdtempSync(join(tmpdir(), 'credsweep-helm-'));
t.teardown(() => rmSync(work, { recursive: true, force: true }));

const tgz = join(work, 'webapp-1.4.2.tgz');
writeFileSync(tgz, await packageChart(chartDir));

const expectedKeys = new Set(expected.findings.map((f) => f.ruleId));
const allowed = new Set(expected.mayAlsoMatch.map((m) => `${m.path}|${m.yamlPath}`));

/** Exact on every rule the expectation knows; later generic rules only at planted places. */
function checkFindings(t, findings, label) {
  const rows = findings.map(row);
  const known = rows.filter((r) => expectedKeys.has(r.ruleId));
  t.same(known, expected.findings, `${label}: expected findings`);
  for (const r of rows.filter((r) => !expectedKeys.has(r.ruleId))) {
    t.ok(allowed.has(`${r.path}|${r.yamlPath}`), `${label}: extra ${r.ruleId} only at a planted place (${r.path} ${r.yamlPath})`);
  }
  for (const f of findings) {
    t.equal(f.origin.kind, 'helm');
    t.equal(f.origin.chart, 'webapp');
    t.equal(f.origin.version, '1.4.2');
  }
}

t.test('unpacked chart folder', async (t) => {
  const r = await scanHelm(chartDir);
  t.same(r.errors, []);
  checkFindings(t, r.findings, 'folder');
  const shared = expected.sharedAcrossEnvironments;
  const envs = r.findings.filter((f) => f.ruleId === shared.ruleId && f.yamlPath === shared.yamlPath);
  t.same(envs.map((f) => f.origin.environment).sort(), shared.environments, 'one finding per environment');
  t.equal(new Set(envs.map((f) => f.fingerprint)).size, 1, 'same credential in each environment');
});

t.test('packaged chart gives identical findings', async (t) => {
  const a = await scanHelm(chartDir);
  const b = await scanHelm(tgz);
  t.same(b.errors, []);
  checkFindings(t, b.findings, 'tgz');
  const strip = (f) => ({ ...f, origin: { ...f.origin, source: undefined } });
  t.same(b.findings.map(strip), a.findings.map(strip), 'same findings, fingerprints and positions');
  t.equal(b.findings[0].origin.source, tgz);
});

t.test('subchart packaged inside charts/ reads as the folder form', async (t) => {
  const dir = join(work, 'nested', 'webapp');
  cpSync(chartDir, dir, { recursive: true });
  rmSync(join(dir, 'charts', 'postgresql'), { recursive: true });
  writeFileSync(join(dir, 'charts', 'postgresql-12.1.0.tgz'), await packageChart(join(chartDir, 'charts', 'postgresql')));
  const r = await scanHelm(dir);
  t.same(r.errors, []);
  checkFindings(t, r.findings, 'nested tgz');
  const outer = join(work, 'webapp-nested.tgz');
  writeFileSync(outer, await packageChart(dir));
  const r2 = await scanHelm(outer);
  checkFindings(t, r2.findings, 'tgz in tgz');
});

t.test('chart repository folder and folder of charts', async (t) => {
  const repo = join(work, 'repo');
  mkdirSync(repo);
  copyFileSync(tgz, join(repo, 'webapp-1.4.2.tgz'));
  writeFileSync(join(repo, 'index.yaml'), 'apiVersion: v1\nentries:\n  webapp:\n    - name: webapp\n      version: 1.4.2\n      urls: [webapp-1.4.2.tgz]\n');
  const r = await scanHelm(repo);
  t.same(r.errors, []);
  checkFindings(t, r.findings, 'repo');

  const many = join(work, 'many');
  cpSync(chartDir, join(many, 'apps', 'webapp'), { recursive: true });
  copyFileSync(tgz, join(many, 'webapp-1.4.2.tgz'));
  const m = await scanHelm(many);
  t.equal(m.findings.length, r.findings.length * 2, 'both charts scanned');
  t.same(new Set(m.findings.map((f) => f.origin.source)), new Set([join(many, 'apps', 'webapp'), join(many, 'webapp-1.4.2.tgz')]));
});

t.test('decoys are not findings; changeme is low confidence at most', async (t) => {
  const r = await scanHelm(chartDir, { minConfidence: 'low' });
  const low = r.findings.filter((f) => f.confidence === 'low');
  t.same(low.map(row), [
    { kind: 'hygiene', ruleId: 'literal-secret-env', confidence: 'low', path: 'values.yaml', environment: 'default', line: 31, column: 12, yamlPath: 'env[1].value' },
  ]);
  const paths = r.findings.map((f) => `${f.origin.path}|${f.yamlPath}`);
  for (const decoy of ['templates/secret.yaml|data.db-password', 'templates/secret.yaml|stringData.redis-password', 'templates/secret.yaml|stringData.lookup-token', 'values.yaml|smtp.password', 'templates/deployment.yaml|spec.template.spec.containers[0].env[0].value', 'templates/deployment.yaml|spec.template.spec.containers[0].env[1].value', 'templates/configmap.yaml|data.SENTRY_TOKEN', 'files/init-db.sh|undefined']) {
    t.notOk(paths.includes(decoy), `no finding at ${decoy}`);
  }
});

t.test('hygiene findings never carry the value', async (t) => {
  const r = await scanHelm(chartDir);
  const text = JSON.stringify(r.findings);
  for (const planted of ['KEdYvG8BPfWbvVL36S6FeZUA', 'qU8SFwhxhkkJJP6yebc8jBUj', 'uVcbFQ9cdwqYvNU7VhRzpfJX', 'Q7v!xR2m#pL9', 'dcLXHw4HneTSpg6enWNTkK6U']) {
    t.notOk(text.includes(planted), 'value absent');
  }
  for (const f of r.findings.filter((f) => f.kind === 'hygiene')) {
    t.match(f.fingerprint, /^[0-9a-f]{64}$/);
    t.ok(f.preview);
    t.equal(f.secret, undefined);
  }
});
