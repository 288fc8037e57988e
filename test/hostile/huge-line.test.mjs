// Issue 16 case 8: a file that cannot be scanned as one piece (a 530 MB single line with
// --max-file-size 1GB killed a worker: "Cannot create a string longer than") is read and
// scanned in overlapping pieces. Here the pieces are 1 MB so the input stays small; set
// CREDSWEEP_HOSTILE_FULL=1 to run the 530 MB case through the CLI as well.
import t from 'tap';
import { join } from 'node:path';
import { Scanner } from '../../dist/engine/scanner.js';
import { DirSource } from '../../dist/sources/dir/index.js';
import { scanSource } from '../../dist/app/scan-source.js';
import { hugeLineDir } from '../../corpus/hostile/huge-line.mjs';
import { noSecretIn, scanJson, tempDir } from './helpers.mjs';

t.setTimeout(900_000);
const MB = 1024 * 1024;
const scanner = new Scanner({ threads: 1, fingerprintKey: Buffer.alloc(32, 3) });
t.teardown(() => scanner.close());

t.test('a one-line file over the piece size: every secret once, at its real column', async (t) => {
  const size = 5 * MB + 123;
  const { dir, secrets } = hugeLineDir(tempDir(t, 'huge'), { size, boundaryAt: MB });
  const r = await scanSource(new DirSource(dir, { maxFileSize: 1 << 30, pieceBytes: MB }), scanner);
  t.same(r.errors, []);
  t.same(
    r.findings.map((f) => [f.origin.path, f.line, f.column, f.endColumn - f.column]),
    [
      ['beside.env', 1, 14, 40],
      ['one-line.txt', 1, 2, 40],
      ['one-line.txt', 1, MB - 20 + 2, 40],
      ['one-line.txt', 1, size - 60 + 2, 40],
    ],
  );
  t.ok(r.findings.every((f) => f.origin.kind === 'file' && f.origin.root === dir), 'pieces report the file itself');
  noSecretIn(t, JSON.stringify(r), Object.values(secrets), 'the result');
});

t.test('a file whose stat size is 0 but holds data is read with a bound', async (t) => {
  // /proc/self/pagemap: size 0, gigabytes of content. Reading stops past --max-file-size.
  const r = await scanSource(new DirSource('/proc/self/pagemap', { maxFileSize: 4 * MB }), scanner);
  t.same(r.findings, []);
  t.equal(r.skipped.length, 1);
  t.match(r.skipped[0].reason, /too-large \(its size reads 0; reading stopped past --max-file-size\)/);
});

t.test('the 530 MB one-line file through the CLI', { skip: process.env.CREDSWEEP_HOSTILE_FULL ? false : 'set CREDSWEEP_HOSTILE_FULL=1' }, async (t) => {
  const { dir, secrets } = hugeLineDir(tempDir(t, 'huge-full'));
  const r = await scanJson(['dir', dir, '--max-file-size', '1GB']);
  t.equal(r.code, 1);
  t.equal(r.report.findings.length, 4);
  noSecretIn(t, r.stdout + r.stderr, Object.values(secrets));
});
