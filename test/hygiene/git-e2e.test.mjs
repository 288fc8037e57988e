// End to end over real git repositories with controlled dates: the CLI's flags, reasons and inventory.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli, TEST_KEY } from '../helpers/cli.mjs';
import { checksummedToken } from '../helpers/tokens.mjs';
import { openGitSource } from '../../dist/sources/git/index.js';
import { Scanner } from '../../dist/engine/scanner.js';
import { scanSource } from '../../dist/app/scan-source.js';
import { analyseCredentials } from '../../dist/hygiene/analyse.js';

// Many real CLI runs: give a loaded machine time (CI's timeout is per file).
t.setTimeout(10 * 60 * 1000);

const root = mkdtempSync(join(tmpdir(), 'credsweep-hyg-git-'));
const T = { old: checksummedToken(), rotated: checksummedToken(), shared: checksummedToken(), removed: checksummedToken() };

function git(cwd, args, date) {
  const env = { ...process.env, GIT_AUTHOR_NAME: 'Dev', GIT_AUTHOR_EMAIL: 'dev@example.test', GIT_COMMITTER_NAME: 'Dev', GIT_COMMITTER_EMAIL: 'dev@example.test', GIT_CONFIG_NOSYSTEM: '1', HOME: cwd };
  if (date) Object.assign(env, { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  return execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
function commit(repo, files, date, msg = 'change') {
  for (const [p, text] of Object.entries(files)) {
    if (text === null) rmSync(join(repo, p));
    else {
      mkdirSync(dirname(join(repo, p)), { recursive: true });
      writeFileSync(join(repo, p), text);
    }
  }
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', msg], date);
}
function makeRepo(name) {
  const r = join(root, name);
  mkdirSync(r);
  git(r, ['init', '-q']);
  return r;
}

// api: a token rotated in history, one removed from the tree, one shared with web.
const api = makeRepo('api');
commit(api, { 'config/app.env': `GITHUB_TOKEN=${T.old}\n`, 'old/ci.env': `CI_TOKEN=${T.removed}\n` }, '2023-02-01T10:00:00Z');
commit(api, { 'config/app.env': `GITHUB_TOKEN=${T.rotated}\n` }, '2024-03-15T10:00:00Z');
commit(api, { 'old/ci.env': null, 'shared.env': `DEPLOY_TOKEN=${T.shared}\n` }, '2024-06-01T10:00:00Z');
const web = makeRepo('web');
commit(web, { 'deploy.env': `DEPLOY_TOKEN=${T.shared}\n` }, '2024-07-01T10:00:00Z');

const cred = (doc, token) => doc.credentials.find((c) => c.preview.startsWith(token.slice(0, 4)) && doc.findings[c.findings[0]].preview === c.preview && c.preview.includes(token.slice(-2)));

t.test('scan git: rotated, history-only, stale with reasons; never the secret', async (t) => {
  const r = runCli(['scan', 'git', api, '--format', 'json', '--threads', '0', '--fail-on', 'none', '--no-progress']);
  t.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  for (const v of Object.values(T)) t.notOk(r.stdout.includes(v), 'no secret in the report');
  const old = cred(doc, T.old);
  t.same(old.flags, ['rotated', 'history-only']);
  t.equal(old.firstSeen, '2023-02-01T10:00:00.000Z');
  t.match(old.reasons.rotated, /^repo:.*api config\/app\.env GITHUB_TOKEN holds a different value \(fp:[0-9a-f]{12}\) since 2024-03-15 \(commit [0-9a-f]{10}\); this old value is still exposed/);
  t.equal(old.rotations[0].at, '2024-03-15T10:00:00.000Z');
  const rot = cred(doc, T.rotated);
  t.same(rot.flags, ['stale']);
  t.match(rot.reasons.stale, /^first seen 2024-03-15 \(commit [0-9a-f]{10} in .*api \(config\/app\.env\) authored 2024-03-15\), \d+ days ago, over the 90-day max age, and still live in repo:/);
  t.equal(rot.severity, 'critical');
  const removed = cred(doc, T.removed);
  t.same(removed.flags, ['history-only']);
  t.equal(removed.severity, 'medium');
  const text = runCli(['scan', 'git', api, '--threads', '0', '--fail-on', 'none', '--no-progress']).stdout;
  t.match(text.split('\n')[0], /^2 stale and 0 shared credential\(s\): rotate these first$/);
  t.match(text.split('\n')[2], /\[stale\]/, 'the text report leads with stale credentials');
  for (const v of Object.values(T)) t.notOk(text.includes(v));
  const sarif = JSON.parse(runCli(['scan', 'git', api, '--format', 'sarif', '--threads', '0', '--fail-on', 'none', '--no-progress']).stdout);
  const props = sarif.runs[0].results.map((x) => x.properties).find((p) => p.flags?.includes('rotated'));
  t.ok(props.reasons.rotated && props.firstSeen && props.contexts.length === 1);
});

t.test('policy max age and fail-on from .credsweep.yaml; --fail-on stale', async (t) => {
  const cfg = join(root, 'policy.yaml');
  writeFileSync(cfg, 'maxAge:\n  rules:\n    github-pat-classic: 100y\nfailOn: stale\n');
  const r = runCli(['scan', 'git', api, '--format', 'json', '--threads', '0', '--config', cfg, '--no-progress']);
  t.equal(r.code, 0, 'nothing stale under a 100-year max age');
  t.equal(JSON.parse(r.stdout).summary.byFlag.stale, undefined);
  t.equal(runCli(['scan', 'git', api, '--format', 'json', '--threads', '0', '--fail-on', 'stale', '--no-progress']).code, 1);
  writeFileSync(cfg, 'maxAge: whenever\n');
  const bad = runCli(['scan', 'git', api, '--threads', '0', '--config', cfg, '--no-progress']);
  t.equal(bad.code, 2);
  t.match(bad.stderr, /policy\.yaml:1: maxAge: invalid duration/);
});

t.test('inventory across three runs of the CLI: new -> still open -> fixed; fail-on new', async (t) => {
  const repo = makeRepo('inv');
  const tok = checksummedToken();
  commit(repo, { 'a.env': `TOKEN=${tok}\n` }, '2025-01-01T00:00:00Z');
  const db = join(root, 'inv.db');
  const run = (...extra) => runCli(['scan', 'git', repo, '--format', 'json', '--threads', '0', '--db', db, '--no-progress', ...extra]);
  const r1 = run('--fail-on', 'new');
  t.equal(r1.code, 1, 'new credential fails --fail-on new');
  const d1 = JSON.parse(r1.stdout).inventory;
  t.equal(d1.new.length, 1);
  const r2 = run('--fail-on', 'new');
  t.equal(r2.code, 0, 'nothing new the second time');
  t.same(JSON.parse(r2.stdout).inventory, { new: [], open: d1.new, fixed: [] });
  commit(repo, { 'a.env': 'TOKEN=\n' }, '2025-02-01T00:00:00Z');
  const r3 = run('--fail-on', 'none');
  t.same(JSON.parse(r3.stdout).inventory, { new: [], open: [], fixed: d1.new });
  const txt = runCli(['scan', 'git', repo, '--threads', '0', '--db', db, '--no-progress', '--fail-on', 'none']).stdout;
  t.match(txt, /Inventory: 0 new, 0 still open, 0 fixed since last run/);
  writeFileSync(join(root, 'foreign.db'), 'not a database at all, just text'.repeat(200));
  const bad = runCli(['scan', 'git', repo, '--threads', '0', '--db', join(root, 'foreign.db'), '--no-progress']);
  t.equal(bad.code, 2);
  t.match(bad.stderr, /foreign\.db: not a SQLite database or corrupt/);
});

t.test('two repositories sharing one credential (library, one analysis)', async (t) => {
  process.env.CREDSWEEP_FINGERPRINT_KEY = TEST_KEY;
  const scanner = new Scanner({ threads: 0, fingerprintKey: Buffer.from(TEST_KEY), showSecrets: false, minConfidence: 'medium' });
  const findings = [];
  for (const repo of [api, web]) {
    const { source, cleanup } = await openGitSource(repo, {});
    findings.push(...(await scanSource(source, scanner)).findings);
    await cleanup();
  }
  await scanner.close();
  const creds = analyseCredentials(findings, { now: new Date('2024-08-01T00:00:00Z') });
  const shared = creds.find((c) => c.contexts.length > 1);
  t.ok(shared);
  t.same(shared.flags, ['shared']);
  t.same(shared.contexts, [`repo:${api}`, `repo:${web}`].sort());
  t.equal(shared.firstSeen, '2024-06-01T10:00:00.000Z');
  t.equal(shared.lastSeen, '2024-07-01T10:00:00.000Z');
  t.equal(shared.ageDays, 60);
});
