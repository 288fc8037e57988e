import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';

/**
 * Temporary clones, and the git processes writing into them, that must not outlive the
 * process: a clone holds a whole repository (and its history's secrets) under /tmp. They are
 * removed however the process ends: on exit (including `process.exit` from a second Ctrl-C)
 * and on SIGINT/SIGTERM when nothing else handles the signal (a library caller without the
 * CLI's interrupt handling), in which case the signal is raised again once they are gone.
 * When another handler is there (the CLI finishing with what it read), the first signal is
 * left to it; a second one removes them and is raised again all the same, so a handler that
 * also waits for others (signal-exit does) cannot leave the process deaf to Ctrl-C.
 */
const dirs = new Set<string>();
const children = new Set<ChildProcess>();
let installed = false;

function removeAllNow(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs) {
    try {
      rmSync(d, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // Nothing more can be done while exiting.
    }
  }
  dirs.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', removeAllNow);
  let signalled = false;
  const handlers: Array<[NodeJS.Signals, () => void]> = [];
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    const onSignal = () => {
      const first = !signalled;
      signalled = true;
      if (first && process.listenerCount(sig) > 1) return;
      removeAllNow();
      for (const [s, h] of handlers) process.off(s, h);
      installed = false;
      process.kill(process.pid, sig);
    };
    handlers.push([sig, onSignal]);
    process.on(sig, onSignal);
  }
}

/** Registers a temporary folder; the returned function removes it (and forgets it). */
export function trackTempDir(dir: string): (() => Promise<void>) & { dir: string } {
  install();
  dirs.add(dir);
  const remove = async () => {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
    dirs.delete(dir);
  };
  return Object.assign(remove, { dir });
}

/** A process writing into a tracked folder: killed before the folder is removed on the way out. */
export function trackChild(p: ChildProcess): void {
  children.add(p);
  p.once('close', () => children.delete(p));
}
