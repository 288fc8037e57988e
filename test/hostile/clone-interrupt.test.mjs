// The temporary clone of a URL is removed when the scan is stopped by SIGINT or SIGTERM,
// through the CLI (which finishes with what it read) and as a library (no handler of its own).
import t from 'tap';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fakeToken, git } from '../../corpus/hostile/lib.mjs';
import { tempDir } from './helpers.mjs';

t.setTimeout(300_000);
const bin = fileURLToPath(new URL('../../bin/credsweep.js', import.meta.url));
const cloneModule = new URL('../../dist/sources/git/clone.js', import.meta.url).href;

const base = tempDir(t, 'clone-int');
const repo = join(base, 'repo');
mkdirSync(repo);
git(repo, ['init', '-q']);
for (let i = 0; i < 1500; i++) writeFileSync(join(repo, `f${i}.txt`), `line ${i} ${'x'.repeat(i % 97)}\n`);
writeFileSync(join(repo, 'app.env'), `GITHUB_TOKEN=${fakeToken('clone-interrupt')}\n`);
git(repo, ['add', '-A']);
git(repo, ['commit', '-q', '-m', 'many files']);
const url = `file://${repo}`;

const clones = (dir) => readdirSync(dir).filter((n) => n.startsWith('credsweep-clone-'));

/** Starts `args`, signals it once a clone folder exists in `tmp`, resolves with how it ended. */
function stopWhenCloned(args, tmp, signals, { plain = true } = {}) {
  return new Promise((resolve, reject) => {
    // The test runner puts its hooks (and signal-exit's handlers) into every node it spawns;
    // `plain` starts node through env(1) without them.
    const env = { ...process.env, TMPDIR: tmp, CREDSWEEP_FINGERPRINT_KEY: 'clone-interrupt-test-key' };
    const [cmd, argv] = plain ? ['env', ['-u', 'NODE_OPTIONS', process.execPath, ...args]] : [process.execPath, args];
    const p = spawn(cmd, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (b) => (stderr += b));
    p.stdout.resume();
    let sent = false;
    const poll = setInterval(() => {
      if (sent || clones(tmp).length === 0) return;
      sent = true;
      for (const [i, s] of signals.entries()) setTimeout(() => p.kill(s), i * 50);
    }, 5);
    // A process that ignores the signal is a failure, not a hang of the suite.
    const guard = setTimeout(() => p.kill('SIGKILL'), 60_000);
    p.on('error', reject);
    p.on('close', (code, signal) => {
      clearInterval(poll);
      clearTimeout(guard);
      resolve({ code, signal, sent, stderr });
    });
  });
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  t.test(`CLI: ${sig} during a URL scan`, async (t) => {
    const tmp = join(base, `cli-${sig}`);
    mkdirSync(tmp);
    const r = await stopWhenCloned([bin, 'scan', 'git', url, '--no-progress', '--format', 'json'], tmp, [sig]);
    t.ok(r.sent, 'the clone folder appeared and the signal was sent');
    t.same(clones(tmp), [], 'no clone left behind');
  });

  t.test(`CLI: ${sig} twice (quit at once)`, async (t) => {
    const tmp = join(base, `cli2-${sig}`);
    mkdirSync(tmp);
    const r = await stopWhenCloned([bin, 'scan', 'git', url, '--no-progress', '--format', 'json'], tmp, [sig, sig]);
    t.ok(r.sent);
    t.same(clones(tmp), [], 'no clone left behind');
  });

  t.test(`library: ${sig} with no handler of the caller's`, async (t) => {
    const tmp = join(base, `lib-${sig}`);
    mkdirSync(tmp);
    const script = `const { cloneBare } = await import(${JSON.stringify(cloneModule)}); await cloneBare(${JSON.stringify(url)}); setInterval(() => {}, 1000);`;
    const r = await stopWhenCloned(['--input-type=module', '-e', script], tmp, [sig]);
    t.ok(r.sent);
    t.equal(r.signal, sig, 'the process still dies of the signal');
    if (r.signal !== sig) t.comment(r.stderr);
    t.same(clones(tmp), [], 'no clone left behind');
  });

  t.test(`library: ${sig} twice beside another handler that waits for others (signal-exit)`, async (t) => {
    const tmp = join(base, `lib-se-${sig}`);
    mkdirSync(tmp);
    const script = `const { cloneBare } = await import(${JSON.stringify(cloneModule)}); await cloneBare(${JSON.stringify(url)}); setInterval(() => {}, 1000);`;
    const r = await stopWhenCloned(['--input-type=module', '-e', script], tmp, [sig, sig], { plain: false });
    t.ok(r.sent);
    t.not(r.signal, 'SIGKILL', 'the second signal ends it');
    t.same(clones(tmp), [], 'no clone left behind');
  });
}
