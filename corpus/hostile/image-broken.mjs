#!/usr/bin/env node
// Case 7: image archives that are broken in one place, each beside an intact layer that
// holds a real secret (`app/.env`). The scan must scan that layer, name the broken part,
// and go on.
//   truncated.tar.gz   a gzipped docker-archive cut inside its last layer
//   truncated.tar      the same, uncompressed
//   truncated-tail.tar.gz  docker save's own order (layers first, manifest.json last), cut
//                      before the manifest: only the layers themselves are left
//   bad-config.tar     the image config is not JSON
//   null-entry.tar     manifest.json lists `null` before the real image
//   null-oci.tar       an OCI archive whose index lists `null` and a manifest of the wrong shape
//   bad-header.tar     the second layer's first tar header fails its checksum (the layer
//                      reader used to wait forever for a reader that had already given up)
// Usage: node image-broken.mjs OUT_DIR
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { fakeToken, isMain, sha256, tarOf } from './lib.mjs';

export const IMAGE_SECRET = fakeToken('image-broken');

async function layers() {
  const good = await tarOf([{ name: 'app/.env', data: `GITHUB_TOKEN=${IMAGE_SECRET}\n` }]);
  // Incompressible, so a cut in the outer gzip falls inside this layer.
  const filler = await tarOf([{ name: 'opt/blob.txt', data: randomBytes(600_000).toString('base64') }]);
  return [good, filler].map((raw) => ({ raw, blob: gzipSync(raw), diffId: sha256(raw) }));
}

function config(ls) {
  return Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: { Env: ['PATH=/usr/bin'] }, rootfs: { type: 'layers', diff_ids: ls.map((l) => l.diffId) } }));
}

/** docker save's `blobs/sha256/` layout, metadata first (as a truncation keeps it readable). */
async function dockerArchive(ls, { cfg, manifest, metadataLast = false } = {}) {
  const c = cfg ?? config(ls);
  const cfgName = `blobs/sha256/${sha256(c).slice(7)}`;
  const names = ls.map((l) => `blobs/sha256/${sha256(l.blob).slice(7)}`);
  const m = manifest ?? [{ Config: cfgName, RepoTags: ['hostile/broken:1'], Layers: names }];
  const meta = [{ name: 'manifest.json', data: JSON.stringify(m) }, { name: cfgName, data: c }];
  const blobs = ls.map((l, i) => ({ name: names[i], data: l.blob }));
  return tarOf(metadataLast ? [...blobs, ...meta.reverse()] : [...meta, ...blobs]);
}

async function ociArchive(ls) {
  const files = [['oci-layout', '{"imageLayoutVersion":"1.0.0"}']];
  const blob = (data) => {
    const d = sha256(data);
    files.push([`blobs/sha256/${d.slice(7)}`, data]);
    return { digest: d, size: data.length };
  };
  const cfg = blob(config(ls));
  const layerDescs = ls.map((l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...blob(l.blob) }));
  const good = blob(Buffer.from(JSON.stringify({ schemaVersion: 2, config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...cfg }, layers: layerDescs })));
  const wrong = blob(Buffer.from(JSON.stringify({ schemaVersion: 2, config: 7, layers: [null, { digest: 5 }] })));
  const index = { schemaVersion: 2, manifests: [null, 'x', { mediaType: 'application/vnd.oci.image.manifest.v1+json', ...wrong }, { mediaType: 'application/vnd.oci.image.manifest.v1+json', ...good, annotations: { 'org.opencontainers.image.ref.name': 'hostile/oci:1' } }] };
  files.unshift(['index.json', JSON.stringify(index)]);
  return tarOf(files.map(([name, data]) => ({ name, data })));
}

export async function brokenImages(dir) {
  mkdirSync(dir, { recursive: true });
  const ls = await layers();
  const whole = await dockerArchive(ls);
  const out = {};
  const put = (name, data) => {
    writeFileSync(join(dir, name), data);
    out[name] = join(dir, name);
  };
  // Cut 100 KB before the end: inside the filler layer, after the good one.
  const gz = gzipSync(whole);
  put('truncated.tar.gz', gz.subarray(0, gz.length - 100_000));
  put('truncated.tar', whole.subarray(0, whole.length - 100_000));
  const tail = gzipSync(await dockerArchive([ls[0], ls[1]], { metadataLast: true }));
  put('truncated-tail.tar.gz', tail.subarray(0, tail.length - 2_000));
  put('bad-config.tar', await dockerArchive(ls, { cfg: Buffer.from('{"config": {"Env": ["A=1"'.concat(' '.repeat(10))) }));
  const cfg = config(ls);
  const names = ls.map((l) => `blobs/sha256/${sha256(l.blob).slice(7)}`);
  put('null-entry.tar', await dockerArchive(ls, { manifest: [null, { Config: 5, Layers: 'x' }, { Config: `blobs/sha256/${sha256(cfg).slice(7)}`, RepoTags: ['hostile/broken:1'], Layers: names }] }));
  put('null-oci.tar', await ociArchive(ls));
  // Over 1 MB, so it reaches the layer reader in more than one read.
  const damaged = await tarOf([{ name: 'opt/big.txt', data: 'y'.repeat(2_500_000) }]);
  damaged[10] ^= 0xff;
  put('bad-header.tar', await dockerArchive([ls[0], { raw: damaged, blob: damaged, diffId: ls[1].diffId }]));
  return { files: out, secret: IMAGE_SECRET };
}

if (isMain(import.meta.url)) {
  const out = process.argv[2];
  if (!out) throw new Error('usage: image-broken.mjs OUT_DIR');
  console.log(JSON.stringify((await brokenImages(out)).files, null, 1));
}
