import t from 'tap';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildHistoryRepo, T } from './fixture.mjs';

const bin = fileURLToPath(new URL('../../../bin/credsweep.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'credsweep-git-cli-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const { repo, c } = buildHistoryRepo(join(dir, 'repo'));
const cloneTmp = join(dir, 'tmp');
mkdirSync(cloneTmp);
// Each case runs the real CLI; on a loaded machine a run can take seconds.
t.setTimeout(300_000);

function run(args, env = {}) {
  return new Promise((resolve) => {
    execFile('node', [bin, ...args], { env: { ...process.env, TMPDIR: cloneTmp, ...env }, maxBuffer: 1 << 26 }, (err, stdout, stderr) => {
      resolve({ code: err ? err.code : 0, stdout, stderr });
    });
  });
}

const noSecrets = (t, text) => {
  for (const v of Object.values(T)) t.notOk(text.includes(v), 'no secret value in the output');
};

t.test('scan git <path> --format json', async (t) => {
  const r = await run(['scan', 'git', repo, '--format', 'json', '--threads', '1', '--fail-on', 'any']);
  t.equal(r.code, 1, 'findings: exit 1');
  const report = JSON.parse(r.stdout);
  t.equal(report.findings.length, 8);
  t.same(report.errors, []);
  const merge = report.findings.find((f) => f.origin.path === 'conflict.txt');
  t.equal(merge.origin.commits[0].commit, c.m);
  t.equal(merge.origin.commits[0].commitDate, '2021-01-10T12:00:00.000Z');
  t.equal(merge.origin.kind, 'git');
  noSecrets(t, r.stdout + r.stderr);
});

t.test('text report and range option', async (t) => {
  const r = await run(['scan', 'git', repo, '--range', `${c.c8}..feature`, '--threads', '0', '--fail-on', 'any']);
  t.equal(r.code, 1);
  t.match(r.stdout, /feature\.txt:\d+:\d+ .*added [0-9a-f]{7}/);
  t.notMatch(r.stdout, /conflict\.txt/);
  noSecrets(t, r.stdout + r.stderr);
});

t.test('a URL is cloned bare to a temporary folder and removed after', async (t) => {
  const r = await run(['scan', 'git', `file://${repo}`, '--format', 'json', '--threads', '0', '--git-backend', 'isomorphic']);
  t.equal(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout);
  t.equal(report.findings.length, 8);
  t.equal(report.findings[0].origin.repo, `file://${repo}`);
  t.same(existsSync(cloneTmp) ? readdirSync(cloneTmp).filter((n) => n.startsWith('credsweep-clone-')) : [], [], 'temporary clone removed');
});

t.test('--keep-clone reuses a bare clone', async (t) => {
  const keep = join(dir, 'kept.git');
  for (let i = 0; i < 2; i++) {
    const r = await run(['scan', 'git', `file://${repo}`, '--keep-clone', keep, '--format', 'json', '--threads', '0']);
    t.equal(r.code, 1, r.stderr);
    t.equal(JSON.parse(r.stdout).findings.length, 8);
  }
  t.ok(existsSync(join(keep, 'objects')), 'the clone stays');
});

t.test('usage errors exit 2 with a clear message', async (t) => {
  const r = await run(['scan', 'git', join(dir, 'nope')]);
  t.equal(r.code, 2);
  t.match(r.stderr, /no such folder/);
});

t.test('a shallow clone exits 3', async (t) => {
  const shallow = join(dir, 'shallow');
  const { execFileSync } = await import('node:child_process');
  execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo}`, shallow]);
  const r = await run(['scan', 'git', shallow, '--format', 'json', '--threads', '0']);
  t.equal(r.code, 3);
  t.match(JSON.parse(r.stdout).errors[0].message, /fetch --unshallow/);
});
