import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { gitEnv } from './git-cli.js';

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
  if (keepDir) {
    if (existsSync(join(keepDir, 'objects'))) {
      await git(['--git-dir', keepDir, 'fetch', '--quiet', '--prune', '--tags', url, '+refs/heads/*:refs/heads/*'], url);
    } else {
      await git(['clone', '--bare', '--quiet', url, keepDir], url);
    }
    return { gitdir: keepDir, cleanup: async () => {} };
  }
  const dir = await mkdtemp(join(tmpdir(), 'credsweep-clone-'));
  const gitdir = join(dir, 'repo.git');
  try {
    await git(['clone', '--bare', '--quiet', url, gitdir], url);
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  return { gitdir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

function git(args: string[], url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn('git', args, { env: gitEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
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

/** Drops credentials embedded in a URL (`https://user:token@host`), so they never reach a log. */
export function redactUrl(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1***@');
}
