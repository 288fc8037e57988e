import t from 'tap';
import { chmodSync, chownSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { Scanner } from '../../../dist/engine/scanner.js';
import { GitSource } from '../../../dist/sources/git/index.js';
import { scanSource } from '../../../dist/app/scan-source.js';
import { buildHistoryRepo, fakeToken, git } from './fixture.mjs';

const dir = mkdtempSync(join(tmpdir(), 'credsweep-git-broken-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const scanner = new Scanner({ threads: 0, fingerprintKey: Buffer.alloc(32, 7) });
t.teardown(() => scanner.close());

const { repo: history } = buildHistoryRepo(join(dir, 'history'));
const shallow = join(dir, 'shallow');
git(dir, ['clone', '-q', '--depth', '1', `file://${history}`, shallow]);

// Three loose blobs: one overwritten with junk (git answers `missing`), one a truncated zlib
// stream (git cat-file dies mid-object, so the reader must restart), one intact.
const corrupt = join(dir, 'corrupt');
mkdirSync(corrupt);
git(corrupt, ['init', '-q']);
const tok = { junk: fakeToken('junk'), trunc: fakeToken('trunc'), ok: fakeToken('ok') };
for (const [k, v] of Object.entries(tok)) writeFileSync(join(corrupt, `${k}.txt`), `secret = ${v}\n`);
git(corrupt, ['add', '-A'], 1);
git(corrupt, ['commit', '-q', '-m', 'three'], 1);
const blobOf = (k) => git(corrupt, ['rev-parse', `HEAD:${k}.txt`]);
const bad = { junk: blobOf('junk'), trunc: blobOf('trunc') };
const objFile = (id) => join(corrupt, '.git', 'objects', id.slice(0, 2), id.slice(2));
for (const id of Object.values(bad)) chmodSync(objFile(id), 0o644);
writeFileSync(objFile(bad.junk), 'this is not a zlib stream at all');
writeFileSync(objFile(bad.trunc), deflateSync(Buffer.from('blob 500\0secret = ')).subarray(0, 12));

// Binary and oversized blobs.
const skips = join(dir, 'skips');
mkdirSync(skips);
git(skips, ['init', '-q']);
writeFileSync(join(skips, 'bin.dat'), Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(`k=${fakeToken('bin')}`)]));
writeFileSync(join(skips, 'big.txt'), `k=${fakeToken('big')}\n` + 'x'.repeat(5000));
writeFileSync(join(skips, 'small.txt'), `k=${fakeToken('small')}\n`);
git(skips, ['add', '-A'], 2);
git(skips, ['commit', '-q', '-m', 'skips'], 2);

const empty = join(dir, 'empty');
mkdirSync(empty);
git(empty, ['init', '-q']);

for (const backend of ['native', 'isomorphic']) {
  t.test(`shallow clone fails loudly, ${backend}`, async (t) => {
    const r = await scanSource(new GitSource(shallow, { backend, maxFileSize: 1 << 20 }), scanner);
    t.equal(r.errors.length, 1);
    t.match(r.errors[0].message, /shallow clone: history is cut at 1 commit\(s\).*git fetch --unshallow/);
    t.ok(r.findings.length > 0, 'what is there is still scanned');
    t.ok(r.findings.every((f) => f.origin.live === true));
  });

  t.test(`corrupt objects are reported by id and the rest is scanned, ${backend}`, async (t) => {
    const r = await scanSource(new GitSource(corrupt, { backend, maxFileSize: 1 << 20 }), scanner);
    t.same(r.errors.map((e) => e.where).sort(), [`blob ${bad.junk}`, `blob ${bad.trunc}`].sort());
    t.equal(r.findings.length, 1);
    t.equal(r.findings[0].origin.path, 'ok.txt');
    for (const e of r.errors) for (const v of Object.values(tok)) t.notOk(e.message.includes(v), 'no secret in errors');
  });

  t.test(`binary and oversized blobs are skipped and counted, ${backend}`, async (t) => {
    const source = new GitSource(skips, { backend, maxFileSize: 1000 });
    const r = await scanSource(source, scanner);
    t.equal(r.findings.length, 1);
    t.equal(r.findings[0].origin.path, 'small.txt');
    t.same(r.skipped.map((s) => [s.reason, s.path.split(' ')[0]]).sort(), [['binary', 'bin.dat'], ['too-large', 'big.txt']]);
    t.equal(source.stats.skippedBinary, 1);
    t.equal(source.stats.skippedTooLarge, 1);
  });

  t.test(`an empty repository fails loudly, ${backend}`, async (t) => {
    await t.rejects(scanSource(new GitSource(empty, { backend, maxFileSize: 1 << 20 }), scanner), /no commits to scan/);
  });
}

t.test('not a repository', async (t) => {
  t.throws(() => new GitSource(dir, { maxFileSize: 1 }), /not a git repository/);
});

t.test('dubious ownership is refused with a clear message (native)', { skip: process.getuid?.() !== 0 && 'needs root to chown' }, async (t) => {
  const other = join(dir, 'other');
  cpSync(corrupt, other, { recursive: true });
  for (const p of [other, join(other, '.git')]) chownSync(p, 65534, 65534);
  await t.rejects(scanSource(new GitSource(other, { backend: 'native', maxFileSize: 1 << 20 }), scanner), /dubious ownership.*safe\.directory/);
});
