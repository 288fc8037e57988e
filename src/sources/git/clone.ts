import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { gitEnv } from './git-cli.js';
import { trackChild, trackTempDir } from './temp-dirs.js';

export interface ClonedRepo {
  gitdir: string;
  /** Removes the temporary clone (no-op for a kept one). */
  cleanup(): Promise<void>;
}

/**
 * Bare-clones a remote (no checkout: only objects and refs). With `keepDir`, the clone is
 * made there once and fetched into on later runs, and never removed.
 */
export async function cloneBare(url: string, keepDir?: string): Promise<ClonedRepo> {
  const { bare, auth } = splitCredentials(url);
  if (keepDir) {
    if (existsSync(join(keepDir, 'objects'))) {
      await git(['--git-dir', keepDir, 'fetch', '--quiet', '--prune', '--tags', bare, '+refs/heads/*:refs/heads/*'], url, auth);
    } else {
      await git(['clone', '--bare', '--quiet', bare, keepDir], url, auth);
      await forgetUrl(keepDir, url);
    }
    return { gitdir: keepDir, cleanup: async () => {} };
  }
  // Made and registered in one synchronous step, so no signal can come between the two: the
  // folder is removed on SIGINT/SIGTERM and exit too, not only by `cleanup`.
  const remove = trackTempDir(mkdtempSync(join(tmpdir(), 'credsweep-clone-')));
  const dir = remove.dir;
  const gitdir = join(dir, 'repo.git');
  try {
    await git(['clone', '--bare', '--quiet', bare, gitdir], url, auth);
    await forgetUrl(gitdir, url);
  } catch (e) {
    await remove();
    throw e;
  }
  return { gitdir, cleanup: remove };
}

/**
 * `https://user:token@host/x` -> the URL without the user part, and the credentials as an HTTP
 * Authorization header: git then never writes them into the clone's config, argv or errors.
 */
function splitCredentials(url: string): { bare: string; auth?: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { bare: url };
  }
  if (!/^https?:$/.test(u.protocol) || (!u.username && !u.password)) return { bare: url };
  const user = decodeURIComponent(u.username);
  const pass = decodeURIComponent(u.password);
  u.username = '';
  u.password = '';
  // A token alone as the user name (`https://TOKEN@host`) is how GitHub and GitLab accept it.
  const basic = Buffer.from(pass ? `${user}:${pass}` : `${user}:x-oauth-basic`).toString('base64');
  return { bare: u.toString(), auth: `Authorization: Basic ${basic}` };
}

/** A token in the query string has to stay in the URL git fetches; it must not stay in the clone's config. */
async function forgetUrl(gitdir: string, url: string): Promise<void> {
  if (redactUrl(url) !== url) await git(['--git-dir', gitdir, 'config', 'remote.origin.url', redactUrl(url)], url).catch(() => {});
}

function git(args: string[], url: string, auth?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const env = gitEnv();
    if (auth) Object.assign(env, { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.extraHeader', GIT_CONFIG_VALUE_0: auth });
    const p = spawn('git', args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    trackChild(p);
    const err: Buffer[] = [];
    p.stderr.on('data', (b: Buffer) => err.push(b));
    p.on('error', (e) => reject(new Error(`cannot clone ${redactUrl(url)}: ${e.message}`)));
    p.on('close', (code) => {
      if (code === 0) return resolve();
      const msg = Buffer.concat(err).toString('utf8').trim().split('\n').pop() ?? '';
      reject(new Error(`cannot clone ${redactUrl(url)}: ${redactUrl(msg) || `git exited with ${code}`}`));
    });
  });
}

/** Drops credentials embedded in a URL (`https://user:token@host`, `?token=...`), so they never reach a log. */
export function redactUrl(text: string): string {
  return text
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1***@')
    .replace(/([?&](?:[\w.-]*(?:token|key|secret|pass|sig|auth|credential)[\w.-]*)=)[^&#\s'"]+/gi, '$1***');
}
