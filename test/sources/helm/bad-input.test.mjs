// Hostile and broken charts: refused or reported with the file and line, never the content;
// the rest of the input is still scanned.
import t from 'tap';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS, packageChart, scanHelm, tarGz } from './helpers.mjs';
import { checksummedToken } from '../../helpers/tokens.mjs';

const work = mkdtempSync(join(tmpdir(), 'credsweep-helm-bad-'));
t.teardown(() => rmSync(work, { recursive: true, force: true }));
const chartYaml = (name) => Buffer.from(`apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`);

t.test('invalid YAML names file and line, hides the line, scans the rest', async (t) => {
  const dir = join(work, 'broken');
  cpSync(join(CORPUS, 'webapp'), dir, { recursive: true });
  const token = checksummedToken();
  writeFileSync(join(dir, 'values-staging.yaml'), `replicaCount: 1\nauth:\n  password: "${token}\n  user: x\n`);
  const r = await scanHelm(dir);
  t.equal(r.errors.length, 1);
  t.equal(r.errors[0].where, `${dir}/values-staging.yaml`);
  t.match(r.errors[0].message, /^invalid YAML at line \d+, column \d+: /);
  t.notOk(JSON.stringify(r.errors).includes(token), 'the line is not quoted');
  t.notOk(JSON.stringify(r.errors).includes('password'), 'nothing from the line');
  const staged = r.findings.filter((f) => f.origin.path === 'values-staging.yaml');
  t.same(staged.map((f) => [f.ruleId, f.line, f.origin.environment, f.yamlPath]), [['github-pat-classic', 3, 'staging', 'auth.password']], 'still scanned as text, line-based path');
  t.ok(r.findings.some((f) => f.origin.path === 'values.yaml'), 'rest of the chart scanned');
});

t.test('archive with a traversal entry is refused', async (t) => {
  const bad = join(work, 'evil-0.1.0.tgz');
  writeFileSync(bad, await tarGz([{ name: 'evil/Chart.yaml', data: chartYaml('evil') }, { name: 'evil/../../etc/cron.d/x', data: Buffer.from('x') }]));
  const good = join(work, 'repo-ok');
  cpSync(join(CORPUS, 'webapp'), good, { recursive: true });
  const r = await scanHelm(bad);
  t.equal(r.errors.length, 1);
  t.equal(r.errors[0].where, bad);
  t.match(r.errors[0].message, /refused: entry .* escapes the archive \(path traversal\)/);
  t.same(r.findings, []);
});

t.test('archive with two top-level folders or an absolute entry is refused', async (t) => {
  const two = join(work, 'two.tgz');
  writeFileSync(two, await tarGz([{ name: 'a/Chart.yaml', data: chartYaml('a') }, { name: 'b/Chart.yaml', data: chartYaml('b') }]));
  t.match((await scanHelm(two)).errors[0].message, /more than one top-level folder/);
  const abs = join(work, 'abs.tgz');
  writeFileSync(abs, await tarGz([{ name: '/a/Chart.yaml', data: chartYaml('a') }]));
  t.match((await scanHelm(abs)).errors[0].message, /path traversal/);
  const junk = join(work, 'junk.tgz');
  writeFileSync(junk, Buffer.from('not gzip at all'));
  t.match((await scanHelm(junk)).errors[0].message, /not a readable chart archive/);
});

t.test('decompression bomb is refused', async (t) => {
  const bomb = join(work, 'bomb-0.1.0.tgz');
  const zeros = Buffer.alloc(8 * 1024 * 1024);
  writeFileSync(bomb, await tarGz([{ name: 'bomb/Chart.yaml', data: chartYaml('bomb') }, { name: 'bomb/files/zeros', data: zeros }]));
  t.ok(readFileSync(bomb).length < 64 * 1024, 'small on disk');
  const r = await scanHelm(bomb, { limits: { maxTotalBytes: 1024 * 1024 } });
  t.equal(r.errors.length, 1);
  t.match(r.errors[0].message, /refused: more than 1048576 bytes once decompressed/);
});

t.test('too-deep subchart chain is refused, shallower levels still scanned', async (t) => {
  let inner = await tarGz([{ name: 'level5/Chart.yaml', data: chartYaml('level5') }]);
  for (let i = 4; i >= 0; i--) {
    const token = i === 1 ? `token: ${checksummedToken()}\n` : '';
    inner = await tarGz([
      { name: `level${i}/Chart.yaml`, data: chartYaml(`level${i}`) },
      { name: `level${i}/values.yaml`, data: Buffer.from(`x: 1\n${token}`) },
      { name: `level${i}/charts/level${i + 1}-0.1.0.tgz`, data: inner },
    ]);
  }
  const path = join(work, 'deep.tgz');
  writeFileSync(path, inner);
  const r = await scanHelm(path, { limits: { maxDepth: 3 } });
  t.equal(r.errors.length, 1);
  t.match(r.errors[0].message, /refused: subcharts nested deeper than 3 levels/);
  t.match(r.errors[0].where, /deep\.tgz:charts\/level1\/charts\/level2\/charts\/level3\/charts\/level4-0\.1\.0\.tgz$/);
  t.same(r.findings.map((f) => [f.origin.path, f.origin.subchart, f.yamlPath]), [['charts/level1/values.yaml', 'level1', 'token']]);
});

t.test('a subchart folder linking back to its chart is refused as recursive', async (t) => {
  const dir = join(work, 'loop');
  cpSync(join(CORPUS, 'webapp'), dir, { recursive: true });
  symlinkSync('..', join(dir, 'charts', 'self'));
  const r = await scanHelm(dir);
  t.equal(r.errors.length, 1);
  t.match(r.errors[0].message, /recursive subchart chain/);
  t.ok(r.findings.length > 5, 'rest scanned');
});

t.test('not a chart at all is a usage error', async (t) => {
  await t.rejects(scanHelm(join(CORPUS, 'webapp', 'templates')), /no Helm chart found/);
  const plain = join(work, 'plain.txt');
  writeFileSync(plain, 'hello');
  await t.rejects(scanHelm(plain), /neither a chart folder nor a packaged chart/);
});

t.test('gzip without tar', async (t) => {
  const p = join(work, 'gz.tgz');
  writeFileSync(p, gzipSync(Buffer.from('just text, no tar header here')));
  const r = await scanHelm(p);
  t.equal(r.errors.length, 1);
});
