#!/usr/bin/env node
// Case 17, image part: a docker-archive whose first layer holds links, a device and a FIFO
// beside a file with a secret (they must be listed as skipped, never followed), and whose
// second layer is zstd opened by a skippable frame (valid zstd; was called corrupt), with a
// secret inside. Needs the `zstd` binary.
// Usage: node image-odd-entries.mjs OUT.tar
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fakeToken, isMain, sha256, tarOf } from './lib.mjs';

export const ODD_SECRETS = { plain: fakeToken('odd-plain'), zstd: fakeToken('odd-zstd') };

/** A zstd skippable frame (magic 0x184D2A5?, little-endian size, payload), as pzstd and seekable zstd write. */
export function skippableFrame(payload, nibble = 0xe) {
  const head = Buffer.alloc(8);
  head.writeUInt32LE(0x184d2a50 | nibble, 0);
  head.writeUInt32LE(payload.length, 4);
  return Buffer.concat([head, payload]);
}

export async function oddEntriesImage(path) {
  const l0 = await tarOf([
    { name: 'etc/', type: 'directory' },
    { name: 'etc/app.env', data: `GITHUB_TOKEN=${ODD_SECRETS.plain}\n` },
    { name: 'etc/link-out', type: 'symlink', linkname: '/etc/shadow' },
    { name: 'etc/link-in', type: 'symlink', linkname: 'app.env' },
    { name: 'etc/hard', type: 'link', linkname: 'etc/app.env' },
    { name: 'dev/null', type: 'character-device' },
    { name: 'run/pipe', type: 'fifo' },
  ]);
  const l1 = await tarOf([{ name: 'opt/creds', data: `token: ${ODD_SECRETS.zstd}\n` }]);
  const zst = execFileSync('zstd', ['-q', '-c'], { input: l1 });
  const layers = [
    { raw: l0, blob: gzipSync(l0) },
    { raw: l1, blob: Buffer.concat([skippableFrame(Buffer.from('seek table or metadata')), zst]) },
  ];
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: layers.map((l) => sha256(l.raw)) } }));
  const cfgName = `blobs/sha256/${sha256(config).slice(7)}`;
  const names = layers.map((l) => `blobs/sha256/${sha256(l.blob).slice(7)}`);
  const manifest = [{ Config: cfgName, RepoTags: ['hostile/odd:1'], Layers: names }];
  writeFileSync(path, await tarOf([{ name: 'manifest.json', data: JSON.stringify(manifest) }, { name: cfgName, data: config }, ...layers.map((l, i) => ({ name: names[i], data: l.blob }))]));
  return { path, secrets: ODD_SECRETS };
}

if (isMain(import.meta.url)) {
  const out = process.argv[2];
  if (!out) throw new Error('usage: image-odd-entries.mjs OUT.tar');
  console.log((await oddEntriesImage(out)).path);
}
