#!/usr/bin/env node
// Case 6: a repository whose history holds one truncated loose object among thousands of
// blobs. `git cat-file --batch` dies on it mid-stream while ids are still being written to
// its stdin (the pipe is full), so the write fails with EPIPE. The scan must name the
// object, restart git and scan the rest, including the real secret in `secret.env`.
// Usage: node git-truncated-object.mjs OUT_DIR [BLOBS]
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { fakeToken, git, isMain } from './lib.mjs';

export function truncatedObjectRepo(repo, { blobs = 3000 } = {}) {
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  git(repo, ['init', '-q']);
  const secret = fakeToken('git-truncated-object');
  // Random text so each blob is distinct and its deflate stream is long enough to cut.
  for (let i = 0; i < blobs; i++) writeFileSync(join(repo, `f${String(i).padStart(5, '0')}.txt`), `line ${i} ${randomBytes(300).toString('base64')}\n`);
  writeFileSync(join(repo, 'secret.env'), `GITHUB_TOKEN=${secret}\n`);
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', 'many files']);
  const badPath = `f${String(Math.floor(blobs / 2)).padStart(5, '0')}.txt`;
  const badBlob = git(repo, ['rev-parse', `HEAD:${badPath}`]);
  const file = join(repo, '.git', 'objects', badBlob.slice(0, 2), badBlob.slice(2));
  chmodSync(file, 0o644);
  // A valid zlib start whose content stops halfway: git prints the header, then dies.
  const body = Buffer.from(randomBytes(3000).toString('base64'));
  const full = deflateSync(Buffer.concat([Buffer.from(`blob ${body.length}\0`), body]));
  writeFileSync(file, full.subarray(0, full.length >> 1));
  return { repo, secret, badBlob, badPath };
}

if (isMain(import.meta.url)) {
  const out = process.argv[2];
  if (!out) throw new Error('usage: git-truncated-object.mjs OUT_DIR [BLOBS]');
  const r = truncatedObjectRepo(out, { blobs: Number(process.argv[3] ?? 3000) });
  console.log(JSON.stringify({ repo: r.repo, badBlob: r.badBlob, badPath: r.badPath }));
}
