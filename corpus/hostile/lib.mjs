// Shared by the hostile-input generators: fake tokens (fake-token.mjs, valid checksums, never
// real) and the small wrappers the generators need. Nothing here is large; every big
// input is generated at run time.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { realToken } from './fake-token.mjs';
import tar from 'tar-stream';

/** A GitHub-format token (`ghp_` + 30 base62 + CRC32 tail) derived from a seed: stable, fake. */
export function fakeToken(seed, prefix = 'ghp_') {
  return realToken(`credsweep-hostile:${seed}`, prefix);
}

/** git with fixed identities and dates, no user or system config. */
export function git(cwd, args, opts = {}) {
  const date = '2024-03-01T12:00:00Z';
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Hostile Corpus',
    GIT_AUTHOR_EMAIL: 'hostile@example.test',
    GIT_COMMITTER_NAME: 'Hostile Corpus',
    GIT_COMMITTER_EMAIL: 'hostile@example.test',
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    HOME: cwd,
  };
  return execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', '-c', 'protocol.file.allow=always', ...args], {
    cwd,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    ...opts,
  }).trim();
}

export function writeTree(root, files) {
  for (const [path, data] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), data);
  }
}

/** A tar archive from `{ name, data?, type?, linkname?, size? }` entries, in memory. */
export async function tarOf(entries) {
  const pack = tar.pack();
  const out = [];
  const done = (async () => {
    for await (const c of pack) out.push(c);
  })();
  for (const e of entries) {
    const data = e.data === undefined ? undefined : Buffer.from(e.data);
    const header = { name: e.name, type: e.type ?? 'file', linkname: e.linkname, mode: e.type === 'directory' ? 0o755 : 0o644, mtime: new Date(0) };
    await new Promise((res, rej) => pack.entry(header, data, (err) => (err ? rej(err) : res())));
  }
  pack.finalize();
  await done;
  return Buffer.concat(out);
}

export const sha256 = (b) => 'sha256:' + createHash('sha256').update(b).digest('hex');

/** True when this module is the script node was started with. */
export function isMain(url) {
  return !!process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === url;
}
