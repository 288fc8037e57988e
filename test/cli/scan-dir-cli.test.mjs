import t from 'tap';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir, TEST_KEY } from '../helpers/cli.mjs';
import { checksummedToken } from '../helpers/tokens.mjs';
import { fingerprint } from '../../dist/engine/fingerprint.js';

// Many real CLI runs: give a loaded machine time (CI's timeout is per file).
t.setTimeout(10 * 60 * 1000);

const token = checksummedToken();
const root = tempDir();
writeFileSync(join(root, 'deploy.env'), `REGION=eu\nGITHUB_TOKEN=${token}\n`);
const clean = tempDir();
writeFileSync(join(clean, 'README.md'), 'nothing to see\n');

t.test('no output format ever prints the secret unless --show-secrets', async (t) => {
  for (const format of ['text', 'json', 'sarif']) {
    const r = runCli(['scan', 'dir', root, '--format', format]);
    t.equal(r.code, 1, `${format}: exit 1 on findings ${r.stderr}`);
    t.notOk(r.stdout.includes(token) || r.stderr.includes(token), `${format}: secret not printed`);
    t.ok(r.stdout.includes(token.slice(0, 4)), `${format}: preview shown`);
    const out = join(tempDir(), `report.${format}`);
    runCli(['scan', 'dir', root, '--format', format, '--output', out]);
    t.notOk(readFileSync(out, 'utf8').includes(token), `${format} --output: secret not written`);
    const shown = runCli(['scan', 'dir', root, '--format', format, '--show-secrets']);
    t.ok(shown.stdout.includes(token), `${format}: --show-secrets prints it`);
  }
});

t.test('JSON schema: findings and credentials', async (t) => {
  const r = runCli(['scan', 'dir', root, '--format', 'json']);
  const doc = JSON.parse(r.stdout);
  t.equal(doc.schemaVersion, 1);
  t.equal(doc.findings.length, 1);
  const f = doc.findings[0];
  t.match(f, { kind: 'rule', ruleId: 'github-pat-classic', line: 2, column: 14, confidence: 'high', validated: true, origin: { kind: 'file', path: 'deploy.env' } });
  t.equal(f.fingerprint, fingerprint(Buffer.from(TEST_KEY), token));
  t.same(doc.credentials[0].findings, [0]);
  t.equal(doc.summary.credentials, 1);
});

t.test('SARIF 2.1.0 with rules, regions and partialFingerprints', async (t) => {
  const doc = JSON.parse(runCli(['scan', 'dir', root, '--format', 'sarif']).stdout);
  t.equal(doc.version, '2.1.0');
  const run = doc.runs[0];
  t.equal(run.tool.driver.rules[0].id, 'github-pat-classic');
  const res = run.results[0];
  t.same(res.locations[0].physicalLocation.region, { startLine: 2, startColumn: 14, endLine: 2, endColumn: 54 });
  t.equal(res.locations[0].physicalLocation.artifactLocation.uri, 'deploy.env');
  t.match(res.partialFingerprints['credsweep/fingerprint/v1'], /^[0-9a-f]{64}$/);
});

t.test('exit codes: 0 clean, 2 usage errors', async (t) => {
  t.equal(runCli(['scan', 'dir', clean]).code, 0);
  t.equal(runCli(['scan', 'dir', root, '--fail-on', 'none']).code, 0);
  t.equal(runCli(['scan', 'dir', root, '--fail-on', 'critical']).code, 0);
  const missing = runCli(['scan', 'dir', '/nonexistent/x']);
  t.equal(missing.code, 2);
  t.match(missing.stderr, /cannot scan folder/);
  t.equal(runCli(['scan', 'dir', root, '--max-file-size', 'lots']).code, 2);
  t.equal(runCli(['scan', 'dir', root, '--fail-on', 'sometimes']).code, 2);
  t.equal(runCli(['scan', 'nope']).code, 2);
});

t.test('.credsweepignore by fingerprint, and unused entries reported', async (t) => {
  const fp = fingerprint(Buffer.from(TEST_KEY), token);
  const ign = join(tempDir(), 'ignore');
  writeFileSync(ign, `# accepted: test account\n${fp}\ngithub-pat-classic:${'0'.repeat(64)}\n`);
  const r = runCli(['scan', 'dir', root, '--ignore-file', ign, '--report-unused-ignores', '--format', 'json']);
  t.equal(r.code, 0);
  const doc = JSON.parse(r.stdout);
  t.equal(doc.findings.length, 0);
  t.equal(doc.summary.ignored, 1);
  t.same(doc.unusedIgnores, [{ fingerprint: '0'.repeat(64), line: 3 }]);
  const bad = join(tempDir(), 'bad');
  writeFileSync(bad, 'line-numbers:12\n');
  t.equal(runCli(['scan', 'dir', root, '--ignore-file', bad]).code, 2);
});

t.test('rules list prints the catalogue', async (t) => {
  const r = runCli(['rules', 'list']);
  t.equal(r.code, 0);
  t.match(r.stdout, /github-pat-classic\s+github \(vcs\)\s+medium\s+github-checksum\s+rule/);
  t.match(r.stdout, /\d+ rules\n$/);
});
