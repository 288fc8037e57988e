import t from 'tap';
import { mkdtempSync, writeFileSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Scanner } from '../../../dist/engine/scanner.js';
import { ImageSource } from '../../../dist/sources/image/index.js';
import { scanSource } from '../../../dist/app/scan-source.js';
import { SECRETS, configFor, dockerArchive, sha, tarOf } from './fixtures.mjs';

const dir = mkdtempSync(join(tmpdir(), 'credsweep-image-bad-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const scanner = new Scanner({ threads: 0, fingerprintKey: Buffer.from('test-key') });
const opts = { maxFileSize: 1 << 20, maxDecompressed: 64 << 20 };

const layer = async (entries, how = 'gzip') => {
  const raw = await tarOf(entries);
  return { raw, blob: how === 'gzip' ? gzipSync(raw) : raw, diffId: sha(raw), compression: how };
};
const good0 = await layer([{ name: 'a.txt', data: `token=${SECRETS.layer}\n` }]);
const good2 = await layer([{ name: 'c.txt', data: `token=${SECRETS.live}\n` }]);
const write = async (name, layers, tags = ['bad/image:1']) => {
  const p = join(dir, name);
  writeFileSync(p, await dockerArchive([{ tags, config: configFor(layers, { env: false }), layers }]));
  return p;
};
const layerPaths = (r) => r.findings.filter((f) => f.origin.kind === 'image').map((f) => `${f.origin.layer.index}:${f.origin.path}`).sort();

t.test('corrupt and truncated layers among good ones', async (t) => {
  const full = await layer([{ name: 'b.txt', data: `token=${SECRETS.zstd}\n`.repeat(2000) }]);
  const truncated = { ...full, blob: full.blob.subarray(0, Math.floor(full.blob.length / 2)) };
  const garbage = { ...full, blob: Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.alloc(200, 7)]) };
  for (const [name, bad] of [['truncated gzip', truncated], ['corrupt gzip', garbage], ['truncated tar', { ...full, blob: full.raw.subarray(0, 700), compression: 'none' }]]) {
    const r = await scanSource(new ImageSource(await write(`${name}.tar`, [good0, bad, good2]), opts), scanner);
    t.equal(r.errors.length, 1, `${name}: one error`);
    t.match(r.errors[0].where, /bad\/image:1 layer 1 \(sha256:/, `${name}: error names the layer`);
    t.same(layerPaths(r).filter((p) => p !== '1:b.txt'), ['0:a.txt', '2:c.txt'], `${name}: other layers scanned`);
  }
});

t.test('gzip bomb stops at the cap', async (t) => {
  const zeros = gzipSync(Buffer.alloc(256 << 20));
  const bomb = { raw: Buffer.alloc(0), blob: zeros, diffId: sha('bomb'), compression: 'gzip' };
  const before = process.memoryUsage().rss;
  const r = await scanSource(new ImageSource(await write('bomb.tar', [good0, bomb, good2]), { ...opts, maxDecompressed: 8 << 20 }), scanner);
  t.equal(r.errors.length, 1);
  t.match(r.errors[0].message, /passed the cap of 8388608 bytes/);
  t.match(r.errors[0].where, /layer 1/);
  t.same(layerPaths(r), ['0:a.txt', '2:c.txt']);
  t.ok(process.memoryUsage().rss - before < 200 << 20, 'memory stays bounded');
});

t.test('traversal, absolute, links and devices are never followed; big files skipped and counted', async (t) => {
  const l = await layer([
    { name: '../../escape.txt', data: `token=${SECRETS.opaque}\n` },
    { name: '/abs/x.txt', data: 'hello\n' },
    { name: 'etc/hard', type: 'link', linkname: '../../etc/passwd' },
    { name: 'etc/soft', type: 'symlink', linkname: '/root/.ssh/id_rsa' },
    { name: 'dev/null', type: 'character-device' },
    { name: 'big.bin', data: Buffer.alloc(2 << 20, 'a') },
    { name: 'usr/share/doc/skip.txt', data: `token=${SECRETS.env}\n` },
  ]);
  const p = await write('unsafe.tar', [l]);
  const r = await scanSource(new ImageSource(p, { ...opts, skipPath: ['/usr/share/doc/**'] }), scanner);
  t.same(r.errors, []);
  t.same(layerPaths(r), ['0:../../escape.txt'], 'the traversal entry is scanned in memory under its raw name');
  t.ok(r.skipped.some((s) => s.reason.startsWith('path-traversal name') && s.path.endsWith('../../escape.txt')));
  t.ok(r.skipped.some((s) => s.reason.startsWith('absolute name')));
  t.ok(r.skipped.some((s) => s.reason === 'too-large' && s.path.endsWith('big.bin') && s.size === 2 << 20));
  t.ok(r.skipped.some((s) => s.reason.startsWith('excluded') && s.path.endsWith('usr/share/doc/skip.txt')));
  t.same(readdirSync(dir).sort(), ['unsafe.tar'].concat(readdirSync(dir).filter((n) => n !== 'unsafe.tar')).sort(), 'nothing new written');
});

t.test('not an image', async (t) => {
  const p = join(dir, 'plain.tar');
  writeFileSync(p, await tarOf([{ name: 'x.txt', data: 'x' }]));
  await t.rejects(scanSource(new ImageSource(p, opts), scanner), /cannot read image .*plain\.tar.*neither manifest\.json/);
});

t.test('layer cache skips clean layers next time, keeps their whiteouts', async (t) => {
  const clean = await layer([{ name: 'base.txt', data: 'nothing\n' }]);
  const adds = await layer([{ name: 'app/key.txt', data: `token=${SECRETS.live}\n` }]);
  const removes = await layer([{ name: 'app/.wh.key.txt', data: '' }]);
  const p = await write('cache.tar', [clean, adds, removes]);
  const cacheDir = join(dir, 'cache');
  const o = { ...opts, layerCache: cacheDir, cacheSalt: 'x' };
  const first = await scanSource(new ImageSource(p, o), scanner);
  t.equal(readdirSync(cacheDir).length, 2, 'layers 0 and 2 were clean');
  const second = await scanSource(new ImageSource(p, o), scanner);
  t.same(second.skipped.filter((s) => s.reason === 'clean in layer cache').length, 2);
  t.same(second.findings.map((f) => [f.origin.path, f.origin.hiddenBy]), first.findings.map((f) => [f.origin.path, f.origin.hiddenBy]));
  t.equal(second.findings.find((f) => f.origin.path === 'app/key.txt')?.origin.hiddenBy, 2);
});
