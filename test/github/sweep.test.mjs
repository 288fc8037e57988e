import t from 'tap';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApiServer } from './api-server.mjs';
import { startGitServer } from './git-http-server.mjs';
import { fakePat, git, miniRules, runCli, tmp, workRepo } from './fixtures.mjs';

// Many real CLI runs: give a loaded machine time (CI's timeout is per file).
t.setTimeout(10 * 60 * 1000);

// A test organisation of 12 repositories served over git smart HTTP: a credential shared by
// two repositories, single ones, one only in history, clean repositories, a fork (skipped)
// and one whose clone fails.
const root = tmp();
const served = join(root, 'served');
const S = { shared: fakePat(), b: fakePat(), hist: fakePat(), d: fakePat(), e: fakePat(), fork: fakePat() };
const layout = {
  r01: [{ 'config/app.env': `TOKEN=${S.shared}\n` }],
  r02: [{ 'deploy/ci.sh': `export GH=${S.shared}\n` }],
  r03: [{ 'src/settings.py': `TOKEN = "${S.b}"\n` }],
  r04: [{ 'old.env': `T=${S.hist}\n` }, { 'old.env': 'T=from-vault\n' }],
  r05: [{ 'a/b/c.txt': `key ${S.d}\n` }],
  r06: [{ 'README.md': 'clean\n' }],
  r07: [{ 'README.md': 'clean\n' }],
  r08: [{ 'x.json': `{"token": "${S.e}"}\n` }],
  r09: [{ 'README.md': 'clean\n' }],
  r10: [{ 'README.md': 'clean\n' }],
  r11: [{ 'README.md': 'broken on the server\n' }],
  r12: [{ 'fork.env': `T=${S.fork}\n` }],
};
for (const [name, commits] of Object.entries(layout)) {
  const w = workRepo(join(root, 'work', name));
  w.commit({ 'README.md': `# ${name}\n` }, 'init');
  for (const files of commits) w.commit(files);
  mkdirSync(join(served, 'acme'), { recursive: true });
  git(root, 'clone', '-q', '--bare', w.dir, join(served, 'acme', `${name}.git`));
}
const rules = miniRules();
const gitServer = await startGitServer(served, { broken: ['acme/r11.git'] });
t.teardown(gitServer.close);

async function org() {
  const api = await startApiServer({ gitBase: gitServer.url, perPage: 5 });
  // Private, as an organisation's internal repositories are: public ones get no issue about a live credential.
  for (const name of Object.keys(layout)) api.addRepo('acme', name, name === 'r12' ? { fork: true, private: true } : { private: true });
  return api;
}

const env = (api, dir) => ({ GITHUB_TOKEN: 'sweep-token', CREDSWEEP_FINGERPRINT_KEY: 'sweep-test-fingerprint-key', CREDSWEEP_GITHUB_TIME_MS: '1', XDG_CONFIG_HOME: dir, GITHUB_API_URL: api.url });
const common = ['--threads', '0', '--rules', rules, '--no-progress', '--format', 'json'];
// merge reads findings already made: it takes no input or detection flags.
const mergeFlags = ['--no-progress', '--format', 'json'];

function issueSet(api) {
  return api
    .allIssues()
    .map((i) => ({ repo: i.repo, title: i.title, body: i.body, labels: [...i.labels].sort(), state: i.state }))
    .sort((a, b) => (a.repo + a.body).localeCompare(b.repo + b.body));
}

function assertNoSecret(t, api, ...texts) {
  const values = Object.values(S);
  for (const r of api.state.requests) for (const s of values) if ((r.body + r.path + r.query).includes(s)) t.fail(`secret in ${r.method} ${r.path}`);
  for (const text of texts) for (const s of values) t.notOk(text.includes(s), 'no secret in output');
}

let single;
t.test('a sweep of 12 repositories opens one issue per credential per repository; a rerun changes nothing', async (t) => {
  const api = await org();
  t.teardown(api.close);
  const dir = tmp();
  const out = join(dir, 'report.json');
  const db = join(dir, 'inv.sqlite');
  const res = await runCli(['sweep', 'org', 'acme', ...common, '--open-issues', '--concurrency', '3', '--output', out, '--db', db], env(api, dir), dir);
  t.equal(res.code, 3, 'partial: r11 failed to clone, the rest swept');
  const report = JSON.parse(readFileSync(out, 'utf8'));
  t.same(report.errors.map((e) => e.where), ['acme/r11']);
  t.match(report.errors[0].message, /clone failed/);
  t.same(report.skipped.map((s) => `${s.path} ${s.reason}`), ['acme/r12 fork']);
  const issues = issueSet(api);
  t.same(issues.map((i) => i.repo), ['acme/r01', 'acme/r02', 'acme/r03', 'acme/r04', 'acme/r05', 'acme/r08'].sort((a, b) => a.localeCompare(b)), 'one issue per credential per repository');
  const sharedIssues = issues.filter((i) => i.repo === 'acme/r01' || i.repo === 'acme/r02');
  for (const i of sharedIssues) {
    t.ok(i.labels.includes('credsweep:shared'), `${i.repo} labelled shared`);
    t.match(i.body, /\*\*shared\*\*/);
  }
  t.equal(new Set(sharedIssues.map((i) => /fingerprint=([0-9a-f]+)/.exec(i.body)[1])).size, 1, 'same credential');
  t.notOk(issues.find((i) => i.repo === 'acme/r03').labels.includes('credsweep:shared'));
  t.match(issues.find((i) => i.repo === 'acme/r04').body, /history only/);
  t.match(issues.find((i) => i.repo === 'acme/r05').title, /^Leaked .* \(github\) in a\/b\/c\.txt$/);
  t.match(issues.find((i) => i.repo === 'acme/r05').body, /\/acme\/r05\/commit\/[0-9a-f]{40}/);
  t.ok(api.state.requests.some((r) => r.path === '/orgs/acme/repos' && /page=3/.test(r.query)), 'listed every page');
  t.ok(gitServer.requests.some((r) => r.auth?.startsWith('Basic ')), 'clone authenticated by header');
  t.same(report.inventory.new.length, 5);
  assertNoSecret(t, api, res.stdout, res.stderr, readFileSync(out, 'utf8'));
  single = issues;

  const writes = api.writes().length;
  const again = await runCli(['sweep', 'org', 'acme', ...common, '--open-issues', '--output', out, '--db', db], env(api, dir), dir);
  t.equal(again.code, 3);
  t.equal(api.writes().length, writes, 'rerun: no write request');
  t.same(issueSet(api), issues);
  t.same(JSON.parse(readFileSync(out, 'utf8')).inventory.new, []);

  const dry = await runCli(['sweep', 'org', 'acme', ...common, '--open-issues', '--dry-run', '--output', out], { ...env(api, dir), GITHUB_TOKEN: '' }, dir);
  t.match(dry.stderr, /would open acme\/r01: Leaked/);
});

t.test('two shards plus merge give the same issues as one sweep', async (t) => {
  const api = await org();
  t.teardown(api.close);
  const dir = tmp();
  const files = [];
  for (const i of [1, 2]) {
    const file = join(dir, `shard-${i}.json`);
    files.push(file);
    const res = await runCli(['sweep', 'org', 'acme', ...common, '--shard', `${i}/2`, '--shard-file', file], env(api, dir), dir);
    t.ok(res.code === 0 || res.code === 3, res.stderr);
    const text = readFileSync(file, 'utf8');
    for (const s of Object.values(S)) t.notOk(text.includes(s), 'no secret in the shard file');
  }
  const shards = files.map((f) => JSON.parse(readFileSync(f, 'utf8')));
  t.equal(shards[0].repos.length + shards[1].repos.length, 12, 'shards partition the organisation');
  t.ok(shards.every((s) => s.repos.length > 0), 'both shards have work');
  t.equal(api.writes().length, 0, 'shards open no issue');
  const res = await runCli(['merge', ...files, ...mergeFlags, '--open-issues', '--output', join(dir, 'merged.json')], env(api, dir), dir);
  t.equal(res.code, 3, res.stderr);
  t.same(issueSet(api), single);
  assertNoSecret(t, api, res.stdout, res.stderr);

  writeFileSync(join(dir, 'other.json'), JSON.stringify({ ...shards[0], keyId: 'different' }));
  const bad = await runCli(['merge', files[1], join(dir, 'other.json'), ...mergeFlags], env(api, dir), dir);
  t.equal(bad.code, 2);
  t.match(bad.stderr, /different fingerprint keys/);
});
