// Walks every command of the real command tree and every option it lists, and checks that the
// option changes what the run produces (report, exit code, files written, requests made, stderr),
// or is a documented no-op for these inputs. A new option without a probe here fails the test,
// so no flag can again be accepted and silently dropped.
import t from 'tap';
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { buildProgram } from '../../dist/cli.js';
import { BIN, ROOT, tempDir } from '../helpers/cli.mjs';
import { seededToken } from '../helpers/tokens.mjs';
import { git, workRepo } from '../github/fixtures.mjs';
import { startApiServer } from '../github/api-server.mjs';
import { startGitServer } from '../github/git-http-server.mjs';
import { configFor, dockerArchive, sha, tarOf, compress } from '../sources/image/fixtures.mjs';

// About 190 real CLI runs: half a second each on an idle machine, several on a loaded one.
t.setTimeout(40 * 60 * 1000);

const ZERO = '0'.repeat(40);
const work = tempDir('credsweep-opts-');
const TOKEN = seededToken('opts-app');
const FIXTURE = seededToken('opts-fixture');
const FEATURE = seededToken('opts-feature');
const STASHED = seededToken('opts-stash');
// A JWT whose `iat` (2020) dates the credential: it makes --max-age observable without git.
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const JWT = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'svc-opts', iat: 1577836800 })}.${'Qk9ZzX3mC7pT1sLr8vWq2nHf5JdA0eGuYi4oKxRtM6c'}`;

// Rules: GitHub and JWT only (fast to compile); a second catalogue without JWT for --rules.
const rules = join(work, 'rules');
const rulesNoJwt = join(work, 'rules-nojwt');
for (const [dir, files] of [[rules, ['github.yaml', 'jwt.yaml']], [rulesNoJwt, ['github.yaml']]]) {
  mkdirSync(dir);
  for (const f of files) copyFileSync(join(ROOT, 'detectors', f), join(dir, f));
}

// A folder.
const folder = join(work, 'folder');
for (const [p, text] of Object.entries({ 'app/.env': `GITHUB_TOKEN=${TOKEN}\n`, 'test/fixtures/sample.env': `TOKEN=${FIXTURE}\n`, 'svc/auth.txt': `Authorization: Bearer ${JWT}\n` })) {
  mkdirSync(join(folder, p, '..'), { recursive: true });
  writeFileSync(join(folder, p), text);
}

// A repository: main with two commits (dated apart), a feature branch, a stash.
const OLD = seededToken('opts-old');
const repo = workRepo(join(work, 'repo'));
repo.commit({ 'README.md': '# app\n', 'legacy.env': `T=${OLD}\n` }, 'init');
execFileSync('git', ['commit', '-q', '--amend', '--no-edit', '--date', '2023-01-01T00:00:00Z'], { cwd: repo.dir, env: { ...process.env, GIT_COMMITTER_DATE: '2023-01-01T00:00:00Z' } });
const c1a = git(repo.dir, 'rev-parse', 'HEAD');
const c2 = repo.commit({ 'app/.env': `GITHUB_TOKEN=${TOKEN}\n`, 'test/fixtures/sample.env': `TOKEN=${FIXTURE}\n`, 'svc/auth.txt': `Authorization: Bearer ${JWT}\n` }, 'config');
git(repo.dir, 'checkout', '-q', '-b', 'feature');
repo.commit({ 'deploy/ci.sh': `export T=${FEATURE}\n` }, 'ci');
git(repo.dir, 'checkout', '-q', 'main');
writeFileSync(join(repo.dir, 'README.md'), `# app\nstash ${STASHED}\n`);
git(repo.dir, 'stash', '-q');
// A work tree with a token staged (the index), for `scan staged`.
const staged = workRepo(join(work, 'staged'));
staged.commit({ 'README.md': '# app\n' }, 'init');
mkdirSync(join(staged.dir, 'test', 'fixtures'), { recursive: true });
writeFileSync(join(staged.dir, 'app.env'), `GITHUB_TOKEN=${TOKEN}\n`);
writeFileSync(join(staged.dir, 'test', 'fixtures', 'sample.env'), `TOKEN=${FIXTURE}\n`);
writeFileSync(join(staged.dir, 'auth.txt'), `Authorization: Bearer ${JWT}\n`);
git(staged.dir, 'add', '-A');
const repo2 = workRepo(join(work, 'repo2'));
repo2.commit({ 'README.md': 'clean\n' }, 'clean');

// An image archive: one layer with the token and a fixture, config history dated.
const layer = await tarOf([
  { name: 'app/.env', data: `GITHUB_TOKEN=${TOKEN}\n` },
  { name: 'test/fixtures/sample.env', data: `TOKEN=${FIXTURE}\n` },
  { name: 'svc/auth.txt', data: `Authorization: Bearer ${JWT}\n` },
  { name: 'usr/share/doc/big.txt', data: 'x'.repeat(4096) },
]);
const clean = await tarOf([{ name: 'etc/os-release', data: 'ID=debian\n' }]);
const layers = [layer, clean].map((raw) => ({ raw, blob: compress(raw, 'gzip'), diffId: sha(raw), compression: 'gzip' }));
const image = join(work, 'image.tar');
writeFileSync(image, await dockerArchive([{ tags: ['acme/app:1'], layers, config: configFor(layers, { env: false }) }]));

// A chart with a subchart.
const chart = join(work, 'chart');
for (const [p, text] of Object.entries({
  'Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
  'values.yaml': `github:\n  token: ${TOKEN}\njwt: ${JWT}\n`,
  'charts/db/Chart.yaml': 'apiVersion: v2\nname: db\nversion: 0.1.0\n',
  'charts/db/values.yaml': `auth:\n  token: ${FEATURE}\n`,
  // A Helm test hook: its findings are in the `test` context.
  'templates/tests/connection.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: t\n  annotations:\n    helm.sh/hook: test\n  labels:\n    token: ${FIXTURE}\n`,
  // A placeholder password in a Deployment's env: a Kubernetes hygiene finding of low confidence.
  'templates/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: web:1\n          env:\n            - name: DB_PASSWORD\n              value: changeme\n',
})) {
  mkdirSync(join(chart, p, '..'), { recursive: true });
  writeFileSync(join(chart, p), text);
}

// A GitHub organisation served on loopback: two repositories plus an archived, a forked and an empty one.
const served = join(work, 'served');
mkdirSync(join(served, 'acme'), { recursive: true });
for (const [name, files] of Object.entries({ api: { 'app/.env': `GITHUB_TOKEN=${TOKEN}\n`, 'test/fixtures/sample.env': `TOKEN=${FIXTURE}\n`, 'svc/auth.txt': `Authorization: Bearer ${JWT}\n` }, web: { 'ci.sh': `T=${TOKEN}\n` }, old: { 'old.env': `T=${FEATURE}\n` }, fork: { 'f.env': `T=${STASHED}\n` }, bob: { 'b.env': `T=${FEATURE}\n` } })) {
  const w = workRepo(join(work, 'org', name));
  w.commit(files, 'add');
  git(work, 'clone', '-q', '--bare', w.dir, join(served, 'acme', `${name}.git`));
}
const gitServer = await startGitServer(served);
t.teardown(gitServer.close);
const api = await startApiServer({ gitBase: gitServer.url });
const api2 = await startApiServer({ gitBase: gitServer.url });
t.teardown(api.close);
t.teardown(api2.close);
// Issue caps count the issues already open: those probes get API servers of their own, one for
// the run without the option and one for the run with it, so earlier probes' issues do not count.
const freshApis = [];
for (let i = 0; i < 40; i++) {
  const a = await startApiServer({ gitBase: gitServer.url });
  for (const [owner, name] of [['acme', 'app'], ['acme', 'api'], ['acme', 'web']]) a.addRepo(owner, name);
  freshApis.push(a);
  t.teardown(a.close);
}
const fresh = () => freshApis.pop().url;
api.addRepo('acme', 'api');
api.addRepo('acme', 'web');
api.addRepo('acme', 'old', { archived: true });
api.addRepo('acme', 'fork', { fork: true });
api.addRepo('acme', 'empty', { size: 0 });
api.addRepo('bob', 'bob', { clone_url: `${gitServer.url}/acme/bob.git` });
// The repository the scan commands' issues go to ($GITHUB_REPOSITORY); archived, so sweeps skip it.
api.addRepo('acme', 'app', { archived: true });
const reposFile = join(work, 'repos.txt');
writeFileSync(reposFile, 'acme/web\n');

// The Action's push event: adds only the commit with app/.env.
const eventFile = join(work, 'event.json');
writeFileSync(eventFile, JSON.stringify({ ref: 'refs/heads/main', before: c1a, after: c2, repository: { full_name: 'acme/app', default_branch: 'main' } }));

const policy = join(work, 'policy.yaml');
writeFileSync(policy, 'failOn: none\n');

const baseEnv = {
  CREDSWEEP_FINGERPRINT_KEY: 'options-test-fingerprint-key',
  XDG_CONFIG_HOME: join(work, 'cfg'),
  NO_COLOR: '',
  GITHUB_TOKEN: 'api-token',
  GITHUB_API_URL: api.url,
  GITHUB_REPOSITORY: 'acme/app',
  CREDSWEEP_GITHUB_TIME_MS: '1',
};

function run(args, env = {}, input = '') {
  const dir = tempDir('credsweep-run-');
  const full = args.map((a) => (a === '@OUT' ? join(dir, 'out') : a.replace('@RUN', dir)));
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...full], { cwd: dir, env: { ...process.env, ...baseEnv, ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.stdin.end(input);
    p.on('close', (code) => {
      const out = existsSync(join(dir, 'out')) ? normalise(readFileSync(join(dir, 'out'), 'utf8')) : undefined;
      resolve({ code, out, stdout: scrub(stdout), stderr: scrub(stderr), files: readdirSync(dir).sort() });
    });
  });
}

// Timings and temp paths differ run to run; nothing else may.
const scrub = (s) => s.replace(/\d+(\.\d+)?s\b/g, 'Ns').replace(/\/tmp\/[\w.-]+/g, '/tmp/X').replace(/"(startedAt|seconds)": [^,\n]+/g, '"$1": "X"');
function normalise(text) {
  return scrub(text);
}

// The base arguments of each command (a report in JSON to @OUT, the small catalogue, no workers).
const common = ['--rules', rules, '--threads', '0', '-f', 'json', '-o', '@OUT'];
const BASE = {
  'scan dir': { args: ['scan', 'dir', folder, ...common] },
  'scan git': { args: ['scan', 'git', repo.dir, ...common] },
  'scan image': { args: ['scan', 'image', image, ...common] },
  'scan helm': { args: ['scan', 'helm', chart, ...common] },
  action: { args: ['action', '--path', repo.dir, ...common], env: { GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: eventFile, GITHUB_OUTPUT: '', GITHUB_STEP_SUMMARY: '' } },
  sweep: { args: ['sweep', 'org', 'acme', ...common, '--no-progress'] },
  merge: { args: ['merge', '@SHARD', '-f', 'json', '-o', '@OUT'] },
  'rules list': { args: ['rules', 'list', '--rules', rules] },
  'baseline create': { args: ['baseline', 'create', '@RUN/b'] },
  'scan staged': { args: ['scan', 'staged', staged.dir, ...common] },
  'scan stdin': { args: ['scan', 'stdin', ...common], input: `GITHUB_TOKEN=${TOKEN}\nTOKEN=${FIXTURE}\nAuthorization: Bearer ${JWT}\n` },
};

// A shard file for merge, made once by the real sweep.
const shardDir = tempDir('credsweep-shard-');
const shardFile = join(shardDir, 'shard.json');
{
  const r = await run(['sweep', 'org', 'acme', '--rules', rules, '--threads', '0', '--no-progress', '--shard', '1/1', '--shard-file', shardFile]);
  if (!existsSync(shardFile)) throw new Error(`could not make the shard: ${r.stderr}`);
}
BASE.merge.args = BASE.merge.args.map((a) => (a === '@SHARD' ? shardFile : a));

const fingerprintOf = async () => {
  const r = await run(['scan', 'dir', join(folder, 'app'), '--rules', rules, '--threads', '0', '-f', 'json', '-o', '@OUT']);
  return JSON.parse(r.out).findings[0].fingerprint;
};
const ignoreFile = join(work, 'ignore');
const tokenFp = await fingerprintOf();
writeFileSync(ignoreFile, `${tokenFp}\n`);
const baselineFile = join(work, 'baseline');
writeFileSync(baselineFile, `github-pat-classic\t${tokenFp.slice(0, 16)}\tapp/.env:1\taccepted\n`);
copyFileSync(baselineFile, `${baselineFile}.copy`);
BASE['baseline update'] = { args: ['baseline', 'update', `${baselineFile}.copy`] };
const reportFile = join(work, 'report.json');
await run(['scan', 'dir', folder, '--rules', rules, '--threads', '0', '-f', 'json', '-o', reportFile]);

const EXCLUDE = { 'scan staged': 'app.env', 'scan stdin': '<stdin>', 'scan dir': 'app/', 'scan git': 'app/', 'scan image': 'app/', 'scan helm': 'charts/', action: 'app/', sweep: 'app/' };

/**
 * One probe per option: the arguments added (and optionally a different base), or `noop` with
 * the reason the option cannot change these inputs' result, as the help text says.
 */
const issues = (extra = []) => ({ base: ['--open-issues', ...extra] });
const PROBES = {
  // input
  '--exclude': (cmd) => ({ add: ['--exclude', EXCLUDE[cmd]] }),
  '--max-file-size': () => ({ add: ['--max-file-size', '20B'] }),
  // detection
  '--rules': () => ({ add: ['--rules', rulesNoJwt] }),
  '--threads': () => ({ add: ['--threads', '1'] }),
  // Helm's findings here are all high but a placeholder (low); elsewhere a test fixture is medium.
  '--min-confidence': (cmd) =>
    cmd === 'scan stdin' ? { base: ['--stdin-name', 'test/fixtures/piped.env'], add: ['--min-confidence', 'high'] } : { add: ['--min-confidence', cmd === 'scan helm' ? 'low' : 'high'] },
  '--show-secrets': () => ({ add: ['--show-secrets'] }),
  '--skip-context': (cmd) => (cmd === 'scan stdin' ? { base: ['--stdin-name', 'test/fixtures/piped.env'], add: ['--skip-context', 'test'] } : { add: ['--skip-context', 'test'] }),
  // verification: a budget of 0 requests keeps every probe off the network
  '--verify': () => ({ add: ['--verify', '--verify-budget', '0'] }),
  '--only-active': () => ({ base: ['--verify', '--verify-budget', '0'], add: ['--only-active'] }),
  '--verify-budget': () => ({ noop: 'how many requests --verify may send; the tests send none (test/verify drives it against a local HTTPS server)' }),
  '--verify-timeout': () => ({ noop: 'how long one --verify request may take; tested in test/verify' }),
  '--verify-concurrency': () => ({ noop: 'requests in flight per host; the result is the same by design (tested in test/verify)' }),
  '--verify-ttl': () => ({ noop: 'reuse of answers cached in the --db inventory; tested in test/verify' }),
  '--verify-network-services': () => ({ noop: 'adds database URLs to --verify; none in these inputs (tested in test/verify)' }),
  // output
  '--format': () => ({ add: ['-f', 'sarif'] }),
  '--output': () => ({ add: ['-o', '@RUN/other'] }),
  '--color': () => ({ base: ['-f', 'text'], add: ['--color', 'always'] }),
  '--no-progress': (cmd) => (cmd === 'sweep' ? { baseArgs: ['sweep', 'org', 'acme', ...common], add: ['--no-progress'] } : { noop: 'progress is drawn only when stderr is a terminal' }),
  // hygiene
  '--fail-on': () => ({ add: ['--fail-on', 'none'] }),
  '--max-age': () => ({ add: ['--max-age', '100y'] }),
  '--config': () => ({ add: ['--config', policy] }),
  '--ignore-file': () => ({ add: ['--ignore-file', ignoreFile] }),
  '--report-unused-ignores': () => ({ add: ['--report-unused-ignores'] }),
  '--db': () => ({ add: ['--db', '@RUN/inventory.db'] }),
  '--baseline': () => ({ add: ['--baseline', baselineFile] }),
  // baseline create|update: required; without it the command refuses.
  '--report': () => ({ add: ['--report', reportFile] }),
  // github
  '--open-issues': () => ({ add: ['--open-issues'] }),
  '--dry-run': () => ({ ...issues(), add: ['--dry-run'] }),
  '--github-token': () => ({ ...issues(), env: { GITHUB_TOKEN: '' }, add: ['--github-token', 'flag-token'] }),
  '--github-api-url': () => ({ ...issues(), add: ['--github-api-url', api2.url] }),
  '--issues-repo': () => ({ ...issues(), add: ['--issues-repo', 'acme/other'] }),
  // The Action files issues in $GITHUB_REPOSITORY: one the loopback API has.
  '--max-issues': (cmd) => ({ ...issues(['--allow-public-issues']), env: { GITHUB_API_URL: fresh(), ...(cmd === 'action' ? { GITHUB_REPOSITORY: 'acme/api' } : {}) }, addEnv: { GITHUB_API_URL: fresh() }, add: ['--max-issues', '0'] }),
  // The loopback API's repositories are public and the planted credentials live: refused without it.
  '--allow-public-issues': (cmd) => ({ ...issues(), env: { GITHUB_API_URL: fresh(), ...(cmd === 'action' ? { GITHUB_REPOSITORY: 'acme/api' } : {}) }, addEnv: { GITHUB_API_URL: fresh() }, add: ['--allow-public-issues'] }),
  // scan git
  '--branch': () => ({ add: ['--branch', 'main'] }),
  '--include-stash': () => ({ add: ['--include-stash'] }),
  '--since-commit': () => ({ add: ['--since-commit', c1a] }),
  '--range': () => ({ add: ['--range', `${c1a}..${c2}`] }),
  '--since': () => ({ add: ['--since', '2024-01-01'] }),
  '--default-branch': () => ({ base: ['--range', `${ZERO}..feature`], add: ['--default-branch', 'feature'] }),
  '--git-backend': () => ({ noop: 'both backends give the same result by design (they pass the same test suite); the choice only changes how objects are read' }),
  '--pre-push': () => ({ add: ['--pre-push'], input: `refs/heads/main ${c2} refs/heads/main ${c1a}\n` }),
  '--stdin-name': () => ({ add: ['--stdin-name', 'test/fixtures/piped.env'] }),
  '--keep-clone': () => ({ baseArgs: ['scan', 'git', `file://${repo.dir}`, ...common], add: ['--keep-clone', '@RUN/kept'] }),
  // scan image
  '--max-decompressed': () => ({ add: ['--max-decompressed', '1KB'] }),
  '--platform': () => ({ add: ['--platform', 'linux/s390x'] }),
  '--skip-path': () => ({ add: ['--skip-path', 'app/**'] }),
  '--layer-cache': () => ({ add: ['--layer-cache', '@RUN/cache'] }),
  // scan helm
  '--max-depth': () => ({ add: ['--max-depth', '0'] }),
  '--max-chart-bytes': () => ({ add: ['--max-chart-bytes', '64B'] }),
  // action
  '--mode': () => ({ add: ['--mode', 'full'] }),
  '--base': () => ({ add: ['--base', c1a] }),
  '--head': () => ({ base: ['--base', c1a], add: ['--head', c1a] }),
  '--sarif': () => ({ add: ['--sarif', '@RUN/x.sarif'] }),
  '--path': () => ({ add: ['--path', repo2.dir] }),
  // sweep
  '--user': () => ({ baseArgs: ['sweep', '--user', 'acme', ...common], add: ['--user', 'bob'] }),
  '--repos-file': () => ({ add: ['--repos-file', reposFile] }),
  '--concurrency': () => ({ noop: 'how many repositories are cloned at once; the result is the same by design' }),
  '--include-archived': () => ({ add: ['--include-archived'] }),
  '--include-forks': () => ({ add: ['--include-forks'] }),
  '--include-empty': () => ({ add: ['--include-empty'] }),
  '--max-repo-size': () => ({ add: ['--max-repo-size', '1KB'] }),
  '--repo-timeout': () => ({ add: ['--repo-timeout', '0'] }),
  '--shard': () => ({ add: ['--shard', '1/2'] }),
  '--shard-file': () => ({ base: ['--shard', '1/1'], add: ['--shard-file', '@RUN/mine.json'] }),
  // rules list
  '--json': () => ({ add: ['--json'] }),
};

function leaves(cmd, prefix = []) {
  const path = cmd.name() === 'credsweep' ? [] : [...prefix, cmd.name()];
  if (cmd.commands.length === 0) return [{ name: path.join(' '), cmd }];
  return cmd.commands.flatMap((c) => leaves(c, path));
}

const view = (r) => JSON.stringify({ code: r.code, out: r.out, stdout: r.stdout, stderr: r.stderr, files: r.files });
const limit = pLimit(3);
const baseRuns = new Map();
const baseRun = (args, env, input) => {
  const k = JSON.stringify([args, env, input]);
  if (!baseRuns.has(k)) baseRuns.set(k, run(args, env, input));
  return baseRuns.get(k);
};

const commands = leaves(buildProgram());
t.ok(commands.length >= 8, 'the walk sees every command');
for (const { name, cmd } of commands) {
  t.test(name, async (t) => {
    const base = BASE[name];
    t.ok(base, `${name} has base arguments`);
    if (!base) return;
    const options = cmd.options.filter((o) => o.long !== '--help' && o.long !== '--version');
    await Promise.all(
      options.map((o) =>
        limit(async () => {
          const probe = PROBES[o.long]?.(name);
          if (!probe) return t.fail(`${name} ${o.long}: no probe; add one (or remove the option from the command)`);
          if (probe.noop) return t.pass(`${name} ${o.long}: documented no-op: ${probe.noop}`);
          const args = [...(probe.baseArgs ?? base.args), ...(probe.base ?? [])];
          const env = { ...base.env, ...probe.env };
          const [without, withIt] = await Promise.all([baseRun(args, env, base.input), run([...args, ...probe.add], { ...env, ...probe.addEnv }, probe.input ?? base.input)]);
          t.not(view(withIt), view(without), `${name} ${o.long} changes the result`);
        }),
      ),
    );
  });
}
