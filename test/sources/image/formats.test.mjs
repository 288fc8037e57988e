import t from 'tap';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Scanner } from '../../../dist/engine/scanner.js';
import { ImageSource } from '../../../dist/sources/image/index.js';
import { scanSource } from '../../../dist/app/scan-source.js';
import { SECRETS, configFor, dockerArchive, hasZstd, ociFiles, referenceLayers, tarOf, writeOciDir } from './fixtures.mjs';

const zstd = hasZstd();
if (!zstd) t.comment('zstd CLI not found: the zstd layer is gzip in this run (install zstd to cover it)');
const dir = mkdtempSync(join(tmpdir(), 'credsweep-image-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const scanner = new Scanner({ threads: 0, fingerprintKey: Buffer.from('test-key') });

const layers = await referenceLayers({ zstd });
const config = configFor(layers);
const image = { tags: ['example/app:1.0'], tag: 'example/app:1.0', config, layers };

const files = {
  'docker legacy': await dockerArchive([image], { layout: 'legacy' }),
  'docker blobs': await dockerArchive([image], { layout: 'blobs' }),
  'oci-archive': await tarOf(ociFiles([image])),
};
files['docker gzipped'] = gzipSync(files['docker legacy']);
files['oci-archive gzipped'] = gzipSync(files['oci-archive']);
const inputs = {};
for (const [k, buf] of Object.entries(files)) {
  inputs[k] = join(dir, k.replace(/ /g, '-') + '.tar');
  writeFileSync(inputs[k], buf);
}
inputs['oci dir'] = join(dir, 'oci');
writeOciDir(inputs['oci dir'], ociFiles([image]));
inputs['oci dir nested index'] = join(dir, 'oci-nested');
writeOciDir(inputs['oci dir nested index'], ociFiles([image], { nestIndex: true }));

/** What must be identical across formats: where each secret was found and whether it is hidden. */
export function summary(findings) {
  return findings
    .map((f) => {
      const o = f.origin;
      return o.kind === 'image-config'
        ? `${f.fingerprint.slice(0, 8)} config ${o.field}`
        : `${f.fingerprint.slice(0, 8)} layer ${o.layer.index} ${o.path}${o.deletedLater ? ` hidden-by ${o.hiddenBy}` : ''}`;
    })
    .sort();
}

const fp = (s) => scanner.opts.fingerprintKey && import('../../../dist/engine/fingerprint.js').then((m) => m.fingerprint(Buffer.from('test-key'), s).slice(0, 8));
const F = {};
for (const [k, v] of Object.entries(SECRETS)) F[k] = await fp(v);

const expected = [
  `${F.layer} layer 0 app/.env hidden-by 1`,
  `${F.layer} layer 3 etc/dup.conf`,
  `${F.zstd} layer 1 opt/tool/creds hidden-by 2`,
  `${F.live} layer 2 srv/live.conf`,
  `${F.env} config Env.GITHUB_TOKEN`,
  `${F.buildArg} config history[1].created_by`,
  `${F.buildArg} config history[2].created_by`,
].sort();

const results = {};
for (const [k, path] of Object.entries(inputs)) {
  t.test(k, async (t) => {
    const src = new ImageSource(path, { maxFileSize: 1 << 20, maxDecompressed: 1 << 30 });
    const r = await scanSource(src, scanner);
    results[k] = r;
    t.same(r.errors, [], 'no errors');
    t.same(summary(r.findings), expected, 'findings');
    const hidden = r.findings.find((f) => f.origin.kind === 'image' && f.origin.path === 'app/.env');
    t.equal(hidden.origin.image, 'example/app:1.0');
    t.equal(hidden.origin.layer.diffId, layers[0].diffId);
    t.equal(hidden.origin.layer.created, '2024-01-01T00:00:00Z');
    t.match(hidden.origin.layer.createdBy, /ADD file:abc/);
    const l1 = r.findings.find((f) => f.origin.kind === 'image' && f.origin.path === 'opt/tool/creds');
    t.equal(l1.origin.layer.created, '2024-01-03T00:00:00Z', 'empty_layer history entries skipped when aligning');
    t.notOk(l1.origin.layer.createdBy.includes(SECRETS.buildArg), 'build-arg secret masked in createdBy');
    t.match(l1.origin.layer.createdBy, /\[redacted ghp_/);
    const env = r.findings.find((f) => f.origin.kind === 'image-config' && f.origin.field === 'Env.GITHUB_TOKEN');
    t.equal(env.key, 'GITHUB_TOKEN', 'ENV scanned as NAME=value');
    t.notOk(JSON.stringify(r).includes('ghp_xub657d1QUMX4W8'), 'no secret anywhere in the result');
  });
}

t.test('several images in one archive, shared base layer scanned once', async (t) => {
  const other = { tags: ['example/other:2', 'example/other:latest'], config: configFor(layers.slice(0, 1), { env: false }), layers: layers.slice(0, 1) };
  const p = join(dir, 'two.tar');
  writeFileSync(p, await dockerArchive([image, other], { layout: 'blobs' }));
  const before = scanner.stats.chunks;
  const r = await scanSource(new ImageSource(p, { maxFileSize: 1 << 20, maxDecompressed: 1 << 30 }), scanner);
  t.same(r.errors, []);
  const envs = r.findings.filter((f) => f.origin.kind === 'image' && f.origin.path === 'app/.env').map((f) => `${f.origin.image} ${f.origin.deletedLater}`).sort();
  t.same(envs, ['example/app:1.0 true', 'example/other:2 false'], 'same layer, hidden in one image, live in the other');
  const tagged = r.findings.find((f) => f.origin.image === 'example/other:2');
  t.same(tagged.origin.tags, ['example/other:2', 'example/other:latest']);
  // 5 distinct file contents (dup.conf repeats app/.env; layer 0 is shared) + 9 and 8 config fields
  t.equal(scanner.stats.chunks - before, 5 + 9 + 8, 'each distinct content scanned once');
});

t.test('multi-platform index with attestation, --platform', async (t) => {
  const arm = { ...image, platform: { os: 'linux', architecture: 'arm64' }, config: configFor(layers.slice(2, 3), { env: false }), layers: layers.slice(2, 3) };
  const amd = { ...image, platform: { os: 'linux', architecture: 'amd64' } };
  const att = { ...image, platform: { os: 'unknown', architecture: 'unknown' }, config: configFor([], { env: false }), layers: [] };
  const d = join(dir, 'multi');
  writeOciDir(d, ociFiles([amd, arm, att], { nestIndex: true }));
  const all = await scanSource(new ImageSource(d, { maxFileSize: 1 << 20, maxDecompressed: 1 << 30 }), scanner);
  t.same([...new Set(all.findings.map((f) => f.origin.image))].sort(), ['example/app:1.0 (linux/amd64)', 'example/app:1.0 (linux/arm64)']);
  const arm64 = await scanSource(new ImageSource(d, { maxFileSize: 1 << 20, maxDecompressed: 1 << 30, platform: 'linux/arm64' }), scanner);
  t.same(summary(arm64.findings), [`${F.live} layer 0 srv/live.conf`, `${F.buildArg} config history[1].created_by`, `${F.buildArg} config history[2].created_by`].sort());
  t.equal(arm64.findings[0].origin.platform, 'linux/arm64');
});
