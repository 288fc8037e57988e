// `credsweep scan helm` end to end: JSON and SARIF (and text) tell hygiene findings from
// rule findings, carry yaml paths and environments, and never print a planted value.
import t from 'tap';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../helpers/cli.mjs';
import { CORPUS, packageChart } from './helpers.mjs';

const work = mkdtempSync(join(tmpdir(), 'credsweep-helm-cli-'));
t.teardown(() => rmSync(work, { recursive: true, force: true }));
const chartDir = join(CORPUS, 'webapp');
const tgz = join(work, 'webapp-1.4.2.tgz');
writeFileSync(tgz, await packageChart(chartDir));
const expected = JSON.parse(readFileSync(join(CORPUS, 'webapp.expected.json'), 'utf8'));
const PLANTED = ['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', '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', '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', 'dcLXHw4HneTSpg6enWNTkK6U', 'MghKL8PzrQzqL7vsVeHhU3j7', 'KEdYvG8BPfWbvVL36S6FeZUA', 'qU8SFwhxhkkJJP6yebc8jBUj', 'uVcbFQ9cdwqYvNU7VhRzpfJX', 'Q7v!xR2m#pL9'];
const noSecrets = (t, s) => t.notOk(PLANTED.some((p) => s.includes(p)), 'no planted value printed');

t.test('json', async (t) => {
  const r = runCli(['scan', 'helm', tgz, '--format', 'json', '--threads', '1', '--no-progress']);
  t.equal(r.code, 1, r.stderr);
  noSecrets(t, r.stdout + r.stderr);
  const doc = JSON.parse(r.stdout);
  t.equal(doc.target.kind, 'helm');
  const byKey = new Map(doc.findings.map((f) => [`${f.origin.path}|${f.yamlPath}|${f.ruleId}`, f]));
  for (const e of expected.findings) {
    const f = byKey.get(`${e.path}|${e.yamlPath}|${e.ruleId}`);
    t.ok(f, `${e.ruleId} at ${e.path} ${e.yamlPath}`);
    if (!f) continue;
    t.equal(f.kind, e.kind);
    t.equal(f.line, e.line);
    t.equal(f.column, e.column);
    t.equal(f.origin.environment, e.environment);
  }
  t.ok(doc.findings.some((f) => f.kind === 'hygiene' && f.ruleId === 'committed-secret-manifest'));
  t.ok(doc.findings.some((f) => f.kind === 'rule' && f.ruleId === 'github-pat-classic'));
  const shared = doc.credentials.find(
    (c) => c.ruleId === 'postgres-url' && ['dev', 'prod'].every((env) => c.findings.some((i) => doc.findings[i].origin.environment === env)),
  );
  t.ok(shared, 'the prod/dev password is one credential with a finding per environment');
});

t.test('sarif', async (t) => {
  const r = runCli(['scan', 'helm', chartDir, '--format', 'sarif', '--threads', '1', '--no-progress']);
  t.equal(r.code, 1, r.stderr);
  noSecrets(t, r.stdout);
  const run = JSON.parse(r.stdout).runs[0];
  const hygiene = run.results.filter((x) => x.properties.kind === 'hygiene');
  const rules = run.results.filter((x) => x.properties.kind === 'rule');
  // One result per credential per place (SARIF rolls versions up).
  t.ok(hygiene.length >= 5 && rules.length >= 5);
  t.ok(hygiene.every((x) => ['committed-secret-manifest', 'literal-secret-env', 'credential-in-configmap', 'inline-dockerconfigjson'].includes(x.ruleId)));
  const rule = run.tool.driver.rules.find((x) => x.id === 'committed-secret-manifest');
  t.ok(rule.properties.tags.includes('hygiene'));
  const env = run.results.find((x) => x.ruleId === 'literal-secret-env');
  // Relative to the repository holding the chart folder (this one), as code scanning maps it.
  t.equal(env.locations[0].physicalLocation.artifactLocation.uri, 'corpus/charts/webapp/templates/deployment.yaml');
  t.same(env.locations[0].physicalLocation.region.startLine, 33);
  t.equal(env.properties.yamlPath, 'spec.template.spec.containers[0].env[2].value');
});

t.test('text marks hygiene findings; partial scan exits 3', async (t) => {
  const dir = join(work, 'broken');
  cpSync(chartDir, dir, { recursive: true });
  writeFileSync(join(dir, 'values-qa.yaml'), 'a:\n  b: "dcLXHw4HneTSpg6enWNTkK6U\n c: [\n');
  const r = runCli(['scan', 'helm', dir, '--threads', '0', '--no-progress']);
  t.equal(r.code, 3);
  noSecrets(t, r.stdout + r.stderr);
  t.match(r.stdout + r.stderr, /values-qa\.yaml/);
  t.match(r.stdout, /\(hygiene\)/);
});

t.test('no chart: usage error', async (t) => {
  const r = runCli(['scan', 'helm', join(chartDir, 'templates'), '--no-progress']);
  t.equal(r.code, 2);
  t.match(r.stderr, /no Helm chart found/);
});
