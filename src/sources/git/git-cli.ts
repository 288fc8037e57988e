import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** git's refusal to touch a repository owned by another user (CVE-2022-24765 hardening). */
export class DubiousOwnershipError extends Error {
  constructor(readonly repo: string) {
    super(
      `git refuses to read '${repo}': it is owned by another user (dubious ownership). ` +
        `If you trust it, run: git config --global --add safe.directory '${repo}' (or scan with --git-backend isomorphic)`,
    );
  }
}

/** Options every git call gets: no pager, no prompts, no replace refs, stable output. */
export function gitArgs(gitdir: string, args: string[]): string[] {
  return ['--no-replace-objects', '--git-dir', gitdir, '-c', 'core.quotePath=false', '-c', 'log.showSignature=false', ...args];
}

export function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', LC_ALL: 'C' };
}

export function spawnGit(gitdir: string, args: string[]): ChildProcessWithoutNullStreams {
  return spawn('git', gitArgs(gitdir, args), { env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
}

export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Runs git to completion; output is expected to be small (refs, one tree listing). */
export function runGit(gitdir: string, args: string[], input?: string): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const p = spawnGit(gitdir, args);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    p.stdout.on('data', (b: Buffer) => out.push(b));
    p.stderr.on('data', (b: Buffer) => err.push(b));
    p.stdin.on('error', () => {});
    p.on('error', reject);
    p.on('close', (code) => {
      const stderr = Buffer.concat(err).toString('utf8');
      if (isDubious(stderr)) return reject(new DubiousOwnershipError(gitdir));
      resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr });
    });
    p.stdin.end(input ?? '');
  });
}

export function isDubious(stderr: string): boolean {
  return stderr.includes('dubious ownership') || stderr.includes('safe.directory');
}

/** First line of git's stderr, for error messages (git's messages name objects and paths, never content). */
export function firstLine(stderr: string): string {
  return stderr.split('\n').find((l) => l.trim()) ?? '';
}

/** Whether a `git` binary can be run here. */
export function hasGitBinary(): Promise<boolean> {
  return new Promise((resolve) => {
    const p = spawn('git', ['--version'], { stdio: 'ignore' });
    p.on('error', () => resolve(false));
    p.on('close', (code) => resolve(code === 0));
  });
}

/**
 * Lets git apply its own ownership check. Every other call names `--git-dir`, which git
 * trusts without the check, so a repository git would refuse must be refused here.
 */
export function checkOwnership(gitdir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn('git', ['-C', gitdir, 'rev-parse', '--absolute-git-dir'], { env: gitEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
    const err: Buffer[] = [];
    p.stderr.on('data', (b: Buffer) => err.push(b));
    p.on('error', reject);
    p.on('close', () => {
      const stderr = Buffer.concat(err).toString('utf8');
      if (isDubious(stderr)) reject(new DubiousOwnershipError(gitdir));
      else resolve();
    });
  });
}
