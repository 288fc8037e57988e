import t from 'tap';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakePat, git, miniRules, runCli, tmp, workRepo } from './fixtures.mjs';
import { actionJob, resolveSettings, runScan } from '../../dist/app/index.js';
import { checkSarif } from '../helpers/sarif.mjs';

const GROUPS = ['input', 'detection', 'output', 'hygiene', 'github'];
const runAction = (o, env, out) => runScan(actionJob({ mode: o.mode, sarif: o.sarif, path: o.path }, env, out), resolveSettings(o, GROUPS));

const ZERO = '0'.repeat(40);
const root = tmp();
const SECRET = fakePat();
const SECRET2 = fakePat();
const r = workRepo(join(root, 'repo'));
const c1 = r.commit({ 'README.md': '# app\n' }, 'init');
const c2 = r.commit({ 'config/app.env': `DEBUG=1\nGITHUB_TOKEN=${SECRET}\n` }, 'add config');
const c3 = r.commit({ 'README.md': '# app\nmore docs\n' }, 'docs');
git(r.dir, 'tag', 'v1', c3);
git(r.dir, 'checkout', '-q', '-b', 'feature');
const f1 = r.commit({ 'deploy/ci.sh': `export TOKEN=${SECRET2}\n` }, 'ci');
git(r.dir, 'checkout', '-q', 'main');

let n = 0;
process.env.CREDSWEEP_FINGERPRINT_KEY = 'action-test-fingerprint-key';
const baseOpts = { format: 'text', threads: 0, minConfidence: 'medium', showSecrets: false, maxFileSize: 10 << 20, exclude: [], reportUnusedIgnores: false, failOn: 'medium', progress: false, mode: 'auto', rules: miniRules() };

function eventFiles(payload) {
  const dir = tmp('credsweep-action-');
  const files = { dir, event: join(dir, 'event.json'), output: join(dir, 'output'), summary: join(dir, 'summary.md'), sarif: join(dir, `out${n++}.sarif`) };
  writeFileSync(files.event, JSON.stringify({ repository: { full_name: 'acme/app', default_branch: 'main' }, ...payload }));
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  return files;
}

function runnerEnv(eventName, files) {
  return {
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_SERVER_URL: 'https://github.example',
  };
}

const read = (f) => readFileSync(f, 'utf8');

/** The Action entry in-process (the CLI wiring is tested once below): real payload, output and summary files. */
async function runEvent(eventName, payload, extra = {}, path = r.dir) {
  const files = eventFiles(payload);
  let stdout = '';
  const code = await runAction({ ...baseOpts, sarif: files.sarif, path, ...extra }, runnerEnv(eventName, files), (s) => (stdout += s));
  return { code, stdout, output: read(files.output), summary: read(files.summary), sarif: read(files.sarif), sarifPath: files.sarif };
}

const noSecret = (t, res) => {
  for (const s of [SECRET, SECRET2]) {
    for (const [k, v] of Object.entries(res)) if (typeof v === 'string') t.notOk(v.includes(s), `no secret in ${k}`);
  }
};

t.test('push that adds a secret fails, with annotation, summary, outputs and SARIF', async (t) => {
  const res = await runEvent('push', { ref: 'refs/heads/main', before: c1, after: c2, forced: false });
  t.equal(res.code, 1, res.stderr);
  t.match(res.stdout, /::error file=config\/app\.env,line=2,endLine=2,col=\d+,title=credsweep%3A GitHub [^:]*::GitHub .*ghp_…/);
  t.match(res.output, /^findings=1$/m);
  t.match(res.output, new RegExp(`^sarif=${res.sarifPath.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`, 'm'));
  t.match(res.summary, /\| Severity \| Credential \| Preview \| Fingerprint \| Location \| Flags \|/);
  t.match(res.summary, /\[config\/app\.env:2:\d+\]\(https:\/\/github\.example\/acme\/app\/blob\/[0-9a-f]{40}\/config\/app\.env#L2\)/);
  t.equal(checkSarif(t, res.sarif).runs[0].results.length, 1);
  t.match(res.output, /^credentials=1$/m);
  t.match(res.output, /^new=1$/m);
  t.match(res.output, /^exit-code=1$/m);
  noSecret(t, res);
});

t.test('push that adds no secret passes', async (t) => {
  const res = await runEvent('push', { ref: 'refs/heads/main', before: c2, after: c3 });
  t.equal(res.code, 0, res.stderr);
  t.match(res.output, /^findings=0$/m);
  t.match(res.summary, /no credentials found/);
  t.equal(checkSarif(t, res.sarif).runs[0].results.length, 0);
  t.match(res.output, /^exit-code=0$/m);
});

t.test('new branch (all-zero before) scans what the default branch lacks', async (t) => {
  const res = await runEvent('push', { ref: 'refs/heads/feature', before: ZERO, after: f1, created: true });
  t.equal(res.code, 1);
  t.match(res.stdout, /new branch refs\/heads\/feature/);
  t.match(res.stdout, /file=deploy\/ci\.sh/);
  t.notMatch(res.stdout, /file=config\/app\.env/, 'main history is not rescanned');
  noSecret(t, res);
});

t.test('force push whose old tip is gone is scanned like a new branch', async (t) => {
  const res = await runEvent('push', { ref: 'refs/heads/feature', before: 'f'.repeat(40), after: f1, forced: true });
  t.equal(res.code, 1);
  t.match(res.stdout, /force push/);
  t.match(res.output, /^findings=1$/m);
});

t.test('tag push of a commit already on main adds nothing', async (t) => {
  const res = await runEvent('push', { ref: 'refs/tags/v1', before: ZERO, after: c3, created: true });
  t.equal(res.code, 0, res.stderr);
  t.match(res.stdout, /tag push refs\/tags\/v1/);
  t.match(res.output, /^findings=0$/m);
});

t.test('branch deletion scans nothing', async (t) => {
  const res = await runEvent('push', { ref: 'refs/heads/feature', before: f1, after: ZERO, deleted: true });
  t.equal(res.code, 0);
  t.match(res.stdout, /deletion of refs\/heads\/feature: nothing added/);
  t.match(res.output, /^findings=0$/m);
});

t.test('pull request scans base.sha..head.sha', async (t) => {
  const res = await runEvent('pull_request', { number: 7, pull_request: { number: 7, base: { sha: c3, ref: 'main' }, head: { sha: f1, ref: 'feature' } } });
  t.equal(res.code, 1);
  t.match(res.stdout, /pull request #7/);
  t.match(res.stdout, /file=deploy\/ci\.sh/);
  const pass = await runEvent('pull_request', { number: 8, pull_request: { number: 8, base: { sha: c2, ref: 'main' }, head: { sha: c3, ref: 'x' } } });
  t.equal(pass.code, 0);
});

t.test('fail-on none passes even with findings; mode full scans the whole history', async (t) => {
  const res = await runEvent('push', { ref: 'refs/heads/main', before: c1, after: c2 }, { failOn: 'none' });
  t.equal(res.code, 0);
  t.match(res.output, /^findings=1$/m);
  const full = await runEvent('workflow_dispatch', {}, { mode: 'full' });
  t.equal(full.code, 1);
  t.match(full.output, /^findings=2$/m);
});

t.test('the CLI entry: exit 1 on a push that adds a secret; a shallow checkout is refused with the fetch-depth hint', async (t) => {
  const files = eventFiles({ ref: 'refs/heads/main', before: c1, after: c2 });
  const env = { ...runnerEnv('push', files), GITHUB_WORKSPACE: r.dir, XDG_CONFIG_HOME: files.dir };
  const res = await runCli(['action', '--threads', '0', '--rules', baseOpts.rules, '--sarif', files.sarif], env, files.dir);
  t.equal(res.code, 1, res.stderr);
  t.match(res.stdout, /::error file=config\/app\.env,line=2/);
  t.match(read(files.output), /^findings=1$/m);
  noSecret(t, { ...res, output: read(files.output), summary: read(files.summary), sarif: read(files.sarif) });

  const shallow = join(root, 'shallow');
  git(root, 'clone', '-q', '--depth', '1', `file://${r.dir}`, shallow);
  const files2 = eventFiles({ ref: 'refs/heads/main', before: c2, after: c3 });
  const res2 = await runCli(['action', '--threads', '0', '--rules', baseOpts.rules, '--sarif', files2.sarif, '--path', shallow], { ...runnerEnv('push', files2), XDG_CONFIG_HOME: files2.dir }, files2.dir);
  t.equal(res2.code, 2);
  t.match(res2.stderr, /shallow/);
  t.match(res2.stderr, /fetch-depth: 0/);
});

t.test('annotations: capped per level, worst first, with a line for the rest; base/head inputs pick the range', async (t) => {
  const w = workRepo(join(root, 'many'));
  const start = w.commit({ 'README.md': '# many\n' }, 'init');
  const files = {};
  for (let i = 0; i < 14; i++) files[`svc${String(i).padStart(2, '0')}/app.env`] = `TOKEN=${fakePat()}\n`;
  const end = w.commit(files, 'many secrets');
  const res = await runEvent('workflow_dispatch', {}, { failOn: 'none' }, w.dir);
  const errors = res.stdout.split('\n').filter((l) => l.startsWith('::error'));
  t.equal(errors.length, 10, 'nine annotations and one summary line');
  t.match(errors[9], /::error title=credsweep%3A more findings::5 more error-level finding\(s\) not annotated here/);
  t.match(res.output, /^credentials=14$/m);
  t.match(res.output, /^exit-code=0$/m);
  checkSarif(t, res.sarif);

  const files2 = eventFiles({});
  const env = { ...runnerEnv('workflow_dispatch', files2), INPUT_BASE: start, INPUT_HEAD: end };
  let out = '';
  const code = await runAction({ ...baseOpts, sarif: files2.sarif, path: w.dir }, env, (s) => (out += s));
  t.equal(code, 1);
  t.match(out, new RegExp(`range ${start}\\.\\.${end} \\(base/head inputs\\)`));
  const none = await runAction({ ...baseOpts, sarif: files2.sarif, path: w.dir }, { ...env, INPUT_BASE: end, INPUT_HEAD: end }, () => {});
  t.equal(none, 0, 'an empty range finds nothing');
});
