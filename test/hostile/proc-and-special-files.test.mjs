// Issue 16 case 9 (scan dir under /proc: an unguarded stat aborted the walk, files whose size
// reads 0 were read without bound) and the folder part of case 17 (FIFOs, sockets and
// devices were not listed as skipped).
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { procProcess } from '../../corpus/hostile/proc-process.mjs';
import { fakeToken } from '../../corpus/hostile/lib.mjs';
import { noSecretIn, scanJson, tempDir } from './helpers.mjs';

t.setTimeout(300_000);

t.test('a /proc/<pid> folder', { skip: process.platform !== 'linux' && 'Linux only' }, async (t) => {
  const p = await procProcess();
  t.teardown(p.stop);
  const r = await scanJson(['dir', p.dir, '--max-file-size', '4MB', '--threads', '1']);
  t.equal(r.code, 3, 'partial scan: exit 3');
  t.ok(r.report.findings.some((f) => f.origin.path === 'environ'), 'the secret in environ is found');
  t.ok(r.report.skipped.some((s) => s.path === 'pagemap' && /too-large \(its size reads 0/.test(s.reason)), 'pagemap: read with a bound');
  t.ok(r.report.errors.some((e) => e.where === 'mem' && /EIO/.test(e.message)), 'mem: named with its error');
  noSecretIn(t, r.stdout + r.stderr, [p.secret]);
});

t.test('FIFOs, sockets and devices are listed as skipped, never opened', async (t) => {
  const dir = tempDir(t, 'special');
  const secret = fakeToken('special-files');
  writeFileSync(join(dir, 'real.env'), `GITHUB_TOKEN=${secret}\n`);
  execFileSync('mkfifo', [join(dir, 'pipe')]);
  const server = createServer();
  await new Promise((r) => server.listen(join(dir, 'sock'), r));
  t.teardown(() => server.close());
  const devices = process.getuid?.() === 0;
  if (devices) execFileSync('mknod', [join(dir, 'null-dev'), 'c', '1', '3']);
  mkdirSync(join(dir, 'sub'));
  const r = await scanJson(['dir', dir, '--threads', '0']);
  t.equal(r.code, 1, 'findings: exit 1 (nothing unreadable)');
  t.same(r.report.findings.map((f) => f.origin.path), ['real.env']);
  const skipped = Object.fromEntries(r.report.skipped.map((s) => [s.path, s.reason]));
  t.match(skipped.pipe, /special-file \(fifo\)/);
  t.match(skipped.sock, /special-file \(socket\)/);
  if (devices) t.match(skipped['null-dev'], /special-file \(character-device\)/);
  noSecretIn(t, r.stdout + r.stderr, [secret]);
});
