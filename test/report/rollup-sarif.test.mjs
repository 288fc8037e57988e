// The location rollup on a real history: one file that changed 12 times around the same
// secret, a copy removed later, a scan of a subfolder. Text, JSON and SARIF read one grouping.
import t from 'tap';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakePat, git, miniRules, runCli, tmp, workRepo } from '../github/fixtures.mjs';
import { checkSarif } from '../helpers/sarif.mjs';

process.env.CREDSWEEP_FINGERPRINT_KEY = 'rollup-test-fingerprint-key';
const rules = miniRules();
const root = tmp('credsweep-rollup-');
const SECRET = fakePat();
const r = workRepo(join(root, 'repo'));
r.commit({ 'README.md': '# app\n' }, 'init');
const shas = [];
for (let i = 0; i < 12; i++) shas.push(r.commit({ 'config/app.env': `VERSION=${i}\nGITHUB_TOKEN=${SECRET}\n`, 'old/copy.env': `T=${SECRET}\n` }, `config v${i}`));
git(r.dir, 'rm', '-q', 'old/copy.env');
git(r.dir, 'commit', '-q', '-m', 'drop the copy');

const scan = (args) => runCli([...args, '--rules', rules, '--threads', '0', '--fail-on', 'none', '--no-progress'], { CREDSWEEP_FINGERPRINT_KEY: process.env.CREDSWEEP_FINGERPRINT_KEY, XDG_CONFIG_HOME: root });

t.test('text: live location first as path:line:col, then the earlier versions in one line', async (t) => {
  const res = await scan(['scan', 'git', r.dir]);
  t.equal(res.code, 0, res.stderr);
  const lines = res.stdout.split('\n');
  const i = lines.findIndex((l) => l.startsWith('    config/app.env:2:14'));
  t.ok(i > 0, 'clickable path:line:col first');
  t.match(lines[i + 1], /^ {6}11 earlier versions since 2024-01-02 \([0-9a-f]{7}\)$/);
  const j = lines.findIndex((l) => l.startsWith('    old/copy.env:1:3'));
  t.ok(j > i, 'the history-only place after the live one');
  t.match(lines[j], /history only/);
  t.notMatch(res.stdout, /more locations/);
  t.notOk(res.stdout.includes(SECRET));
});

t.test('JSON keeps every location; SARIF has one result per credential per place', async (t) => {
  const json = JSON.parse((await scan(['scan', 'git', r.dir, '--format', 'json'])).stdout);
  t.equal(json.credentials.length, 1);
  t.equal(json.findings.length, 13, '12 versions of config/app.env and one of old/copy.env');
  const res = await scan(['scan', 'git', r.dir, '--format', 'sarif']);
  const sarif = checkSarif(t, res.stdout);
  const run = sarif.runs[0];
  t.equal(run.results.length, 2);
  const live = run.results[0];
  t.equal(live.locations[0].physicalLocation.artifactLocation.uri, 'config/app.env');
  t.equal(live.locations[0].physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
  t.equal(live.relatedLocations.length, 11);
  t.match(live.message.text, /at config\/app\.env:2:14; 11 earlier versions since 2024-01-02/);
  t.equal(live.properties.versions, 12);
  t.same(Object.keys(live.properties.origin).sort(), ['blob', 'commit', 'commits', 'date', 'kind', 'live', 'repo']);
  t.notOk('refs' in live.properties.origin, 'a compact origin, not every ref');
  const rule = run.tool.driver.rules[0];
  t.equal(rule.properties['security-severity'], '9.5', 'stale (first seen 2024): critical, and the rule scores as its worst credential');
  t.equal(rule.properties.precision, 'very-high', 'a checksum-validated rule');
  t.match(rule.help.markdown, /### How to fix/);
  t.match(rule.help.markdown, /\[GitHub: token expiration and revocation\]\(https:\/\/docs\.github\.com\//, 'provider rotation link from the registry');
  t.match(rule.helpUri, /^https:\/\//);
  t.match(run.automationDetails.id, /^credsweep\/git\//);
  t.ok(run.originalUriBaseIds['%SRCROOT%']);
  t.match(live.partialFingerprints.primaryLocationLineHash, /^[0-9a-f]{16}:1$/);
  t.notOk(res.stdout.includes(SECRET));
});

t.test('a subfolder scan gives URIs relative to the repository root', async (t) => {
  const sub = join(r.dir, 'config');
  const sarif = checkSarif(t, (await scan(['scan', 'dir', sub, '--format', 'sarif'])).stdout);
  t.equal(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'config/app.env');
  const outside = join(root, 'loose');
  mkdirSync(outside);
  writeFileSync(join(outside, 'x.env'), `T=${SECRET}\n`);
  const plain = checkSarif(t, (await scan(['scan', 'dir', outside, '--format', 'sarif'])).stdout);
  t.equal(plain.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'x.env', 'outside a repository: relative to the scanned folder');
});
