// The baseline loop a team runs: accept today's credentials, fail only on a new one, refresh.
import t from 'tap';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli.mjs';
import { seededToken } from '../helpers/tokens.mjs';

const dir = tempDir();
mkdirSync(join(dir, 'app'));
writeFileSync(join(dir, 'app', '.env'), `GITHUB_TOKEN=${seededToken('baseline-old')}\n`);
const base = join(dir, '.credsweep-baseline');
const scan = (...extra) => runCli(['scan', 'dir', dir, '--threads', '0', '--exclude', '.credsweep-baseline', ...extra]);

t.test('create from a scan, then only new credentials fail', async (t) => {
  t.equal(scan().code, 1, 'without a baseline the old token fails the run');
  t.equal(scan('-f', 'baseline', '-o', base).code, 1);
  const text = readFileSync(base, 'utf8');
  t.match(text, /^github-pat-classic\t[0-9a-f]{16}\tapp\/\.env:1\t$/m, 'one tab-separated line per credential');
  writeFileSync(base, text.replace(/\t$/m, '\tdemo token, revoked 2026-11'));
  const accepted = scan('-f', 'json');
  t.equal(accepted.code, 0, 'the baseline (found at the scan root) accepts it');
  t.equal(JSON.parse(accepted.stdout).summary.baselined, 1);
  writeFileSync(join(dir, 'app', 'new.env'), `T=${seededToken('baseline-new')}\n`);
  const withNew = scan('-f', 'json', '--fail-on', 'new');
  t.equal(withNew.code, 1, 'a new credential fails --fail-on new');
  t.same(JSON.parse(withNew.stdout).credentials.map((c) => !!c.baselined).sort(), [false, true]);
});

t.test('update from a report keeps reasons, adds the new, drops the fixed', async (t) => {
  const report = join(tempDir(), 'r.json');
  scan('-f', 'json', '-o', report);
  const up = runCli(['baseline', 'update', base, '--report', report]);
  t.equal(up.code, 0, up.stderr);
  t.match(up.stderr, /2 credential\(s\), 1 added, 0 dropped/);
  const text = readFileSync(base, 'utf8');
  t.match(text, /demo token, revoked 2026-11/, 'the reviewer\'s reason survives');
  t.equal(scan('--fail-on', 'new').code, 0, 'nothing new now');
  t.equal(runCli(['baseline', 'create', base, '--report', report]).code, 2, 'create refuses to overwrite');
  t.equal(scan('--report-unused-ignores', '-f', 'json').code, 0);
  writeFileSync(join(dir, 'app', '.env'), 'GITHUB_TOKEN=from-vault\n');
  const unused = JSON.parse(scan('--report-unused-ignores', '-f', 'json').stdout);
  t.equal(unused.unusedBaseline.length, 1, 'a baseline entry nothing matched is listed');
});

t.test('ignore entries accept the 12-character prefix the text report prints', async (t) => {
  const d = tempDir();
  writeFileSync(join(d, 'a.env'), `T=${seededToken('ignore-prefix')}\n`);
  const fp = JSON.parse(runCli(['scan', 'dir', d, '--threads', '0', '-f', 'json']).stdout).findings[0].fingerprint;
  t.match(runCli(['scan', 'dir', d, '--threads', '0']).stdout, `fp:${fp.slice(0, 12)}`);
  writeFileSync(join(d, '.credsweepignore'), `${fp.slice(0, 12)}  # printed prefix\n`);
  t.equal(runCli(['scan', 'dir', d, '--threads', '0', '--exclude', '.credsweepignore']).code, 0, 'ignored by its prefix, file found at the scan root');
});
