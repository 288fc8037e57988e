// Issue 16 case 13: zstd layers that expand without bound. Written byte by byte from the
// format (RFC 8878), so no zstd program is needed and nothing large is ever stored:
// - an RLE bomb: one frame of 128 KB run-length blocks, 4 input bytes each, behind a tar
//   header that declares one 3 GB file, so a reader has to decode all of it to get past;
// - a window bomb: a frame whose header asks for a 1 GB window (a decoder that trusts it
//   allocates the window before any output);
// - a plain layer written as raw (stored) zstd blocks, holding a fake token, to prove the
//   layers around the bombs are still read.
// `node corpus/hostile/zstd-bomb.mjs OUT.tar` writes the docker-archive image.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import tar from 'tar-stream';

const MAGIC = [0x28, 0xb5, 0x2f, 0xfd];
const BLOCK = 128 * 1024;

/** Frame header without content size or dictionary: magic, descriptor 0, window descriptor. */
function frameHeader(windowLog) {
  return Buffer.from([...MAGIC, 0x00, (windowLog - 10) << 3]);
}

function blockHeader(type, size, last) {
  const h = (size << 3) | (type << 1) | (last ? 1 : 0);
  return Buffer.from([h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff]);
}

/** `data` as one zstd frame of raw (stored) blocks: valid zstd that any decoder reads. */
export function zstdStored(data) {
  const parts = [frameHeader(17)];
  for (let at = 0; at === 0 || at < data.length; at += BLOCK) {
    const piece = data.subarray(at, at + BLOCK);
    parts.push(blockHeader(0, piece.length, at + BLOCK >= data.length), piece);
  }
  return Buffer.concat(parts);
}

/** A tar header (ustar) for one regular file of `size` bytes, which need not follow. */
function tarHeader(name, size) {
  const h = Buffer.alloc(512);
  h.write(name, 0, 'utf8');
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(size.toString(8).padStart(11, '0') + '\0', 124);
  h.write('00000000000\0', 136);
  h.write('        ', 148);
  h.write('0', 156);
  h.write('ustar\0' + '00', 257);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return h;
}

/** ~`inputKB` KB of zstd that decodes to a tar entry of about inputKB * 32 MB of 'A's. */
export function rleBomb(inputKB = 100) {
  const blocks = Math.floor((inputKB * 1024) / 4);
  const header = tarHeader('bomb/fill.bin', blocks * BLOCK);
  const parts = [frameHeader(17), blockHeader(0, header.length, false), header];
  for (let i = 0; i < blocks; i++) parts.push(blockHeader(1, BLOCK, i === blocks - 1), Buffer.from([0x41]));
  return Buffer.concat(parts);
}

/** A frame that declares a 1 GB window (window log 30), then run-length blocks. */
export function windowBomb() {
  const parts = [frameHeader(30)];
  for (let i = 0; i < 8000; i++) parts.push(blockHeader(1, BLOCK, i === 7999), Buffer.from([0x41]));
  return Buffer.concat(parts);
}

async function tarOf(entries) {
  const pack = tar.pack();
  const out = [];
  const done = (async () => {
    for await (const c of pack) out.push(c);
  })();
  for (const e of entries) await new Promise((res, rej) => pack.entry({ name: e.name, mode: 0o644, mtime: new Date(0) }, Buffer.from(e.data), (err) => (err ? rej(err) : res())));
  pack.finalize();
  await done;
  return Buffer.concat(out);
}

const sha = (b) => createHash('sha256').update(b).digest('hex');

/**
 * A docker-archive image of four layers: 0 gzip with `tokens[0]`, 1 the window bomb,
 * 2 stored zstd with `tokens[1]`, 3 the RLE bomb. Layer order matters: the per-image cap
 * counts what a bomb decoded before it was stopped.
 */
export async function zstdBombImage(tokens) {
  const l0 = await tarOf([{ name: 'app/.env', data: `GITHUB_TOKEN=${tokens[0]}\n` }]);
  const l2 = await tarOf([{ name: 'srv/creds', data: `token: ${tokens[1]}\n` }]);
  const layers = [
    { blob: gzipSync(l0), diffId: sha(l0) },
    { blob: windowBomb(), diffId: sha('window-bomb') },
    { blob: zstdStored(l2), diffId: sha(l2) },
    { blob: rleBomb(), diffId: sha('rle-bomb') },
  ];
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { Env: ['PATH=/usr/bin'] },
      rootfs: { type: 'layers', diff_ids: layers.map((l) => `sha256:${l.diffId}`) },
      history: layers.map((_, i) => ({ created: '2024-01-01T00:00:00Z', created_by: `/bin/sh -c step ${i}` })),
    }),
  );
  const entries = [{ name: `blobs/sha256/${sha(config)}`, data: config }];
  for (const l of layers) entries.push({ name: `blobs/sha256/${sha(l.blob)}`, data: l.blob });
  entries.push({ name: 'manifest.json', data: JSON.stringify([{ Config: `blobs/sha256/${sha(config)}`, RepoTags: ['hostile/zstd-bomb:1'], Layers: layers.map((l) => `blobs/sha256/${sha(l.blob)}`) }]) });
  return tarOf(entries);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? 'zstd-bomb.tar';
  // Fake, checksum-shaped only by position: a scanner's generic and GitHub rules see tokens.
  writeFileSync(out, await zstdBombImage(['ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8', 'ghp_' + 'Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2']));
  console.log(out);
}
