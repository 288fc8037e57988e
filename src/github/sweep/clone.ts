import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redactUrl } from '../../sources/git/clone.js';

export interface CloneOptions {
  /** Sent as an HTTP Authorization header (never in the URL or argv) to the API's own host. */
  token?: string;
  /** Hosts that may receive the token. */
  tokenHosts: string[];
  timeoutMs: number;
}

/**
 * Bare clone over HTTPS into a temporary folder. The token travels in `http.extraHeader`
 * through GIT_CONFIG_* variables, so it shows in no process list and no error message.
 */
export async function cloneForSweep(url: string, o: CloneOptions): Promise<{ gitdir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'credsweep-sweep-'));
  const gitdir = join(dir, 'repo.git');
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
  let host = '';
  try {
    host = new URL(url).hostname;
  } catch {
    /* scp-like or path: no token */
  }
  if (o.token && o.tokenHosts.includes(host)) {
    env.GIT_CONFIG_COUNT = '1';
    env.GIT_CONFIG_KEY_0 = 'http.extraHeader';
    env.GIT_CONFIG_VALUE_0 = `Authorization: Basic ${Buffer.from(`x-access-token:${o.token}`).toString('base64')}`;
  }
  try {
    await new Promise<void>((resolve, reject) => {
      const p = spawn('git', ['clone', '--bare', '--quiet', url, gitdir], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      const err: Buffer[] = [];
      const timer = setTimeout(() => {
        p.kill('SIGKILL');
        reject(new Error(`clone timed out after ${Math.round(o.timeoutMs / 1000)}s`));
      }, o.timeoutMs);
      p.stderr.on('data', (b: Buffer) => err.push(b));
      p.on('error', (e) => {
        clearTimeout(timer);
        reject(new Error(`cannot run git: ${e.message}`));
      });
      p.on('close', (code) => {
        clearTimeout(timer);
        if (code === 0) return resolve();
        const msg = Buffer.concat(err).toString('utf8').trim().split('\n').pop() ?? '';
        reject(new Error(`clone failed: ${redactUrl(msg) || `git exited with ${code}`}`));
      });
    });
  } catch (e) {
    await cleanup();
    throw e;
  }
  return { gitdir, cleanup };
}
