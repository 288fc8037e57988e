#!/usr/bin/env node
// Case 8: a folder with one file that is a single line of SIZE bytes (hex filler, no
// keyword in it) holding secrets at its start, across the first piece boundary and at its
// end, beside a small file with a secret of its own. The file is written in 1 MB writes,
// so generating it needs no memory to speak of.
// Usage: node huge-line.mjs OUT_DIR [SIZE_MB=530] [PIECE_MB=8]
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fakeToken, isMain } from './lib.mjs';

export const HUGE_SECRETS = { start: fakeToken('huge-start'), boundary: fakeToken('huge-boundary'), end: fakeToken('huge-end'), beside: fakeToken('huge-beside') };

/**
 * `boundaryAt` puts a secret across that byte offset (where a reader that cuts the file in
 * pieces of that size makes its first cut).
 */
export function hugeLineDir(dir, { size = 530 * 1024 * 1024, boundaryAt = 8 * 1024 * 1024 } = {}) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'beside.env'), `GITHUB_TOKEN=${HUGE_SECRETS.beside}\n`);
  const path = join(dir, 'one-line.txt');
  const fd = openSync(path, 'w');
  const block = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < block.length; i++) block[i] = '0123456789abcdef'.charCodeAt((i * 7 + (i >> 5)) & 15);
  const planted = [
    [0, ` ${HUGE_SECRETS.start} `],
    [boundaryAt - 20, ` ${HUGE_SECRETS.boundary} `],
    [size - 60, ` ${HUGE_SECRETS.end} `],
  ];
  let at = 0;
  while (at < size) {
    const n = Math.min(block.length, size - at);
    const buf = Buffer.from(block.subarray(0, n));
    for (const [pos, text] of planted) {
      const t = Buffer.from(text);
      const from = Math.max(pos, at);
      const to = Math.min(pos + t.length, at + n);
      if (from < to) t.copy(buf, from - at, from - pos, to - pos);
    }
    writeSync(fd, buf);
    at += n;
  }
  closeSync(fd);
  return { dir, path, secrets: HUGE_SECRETS };
}

if (isMain(import.meta.url)) {
  const out = process.argv[2];
  if (!out) throw new Error('usage: huge-line.mjs OUT_DIR [SIZE_MB] [PIECE_MB]');
  const mb = 1024 * 1024;
  console.log(JSON.stringify(hugeLineDir(out, { size: Number(process.argv[3] ?? 530) * mb, boundaryAt: Number(process.argv[4] ?? 8) * mb }).path));
}
