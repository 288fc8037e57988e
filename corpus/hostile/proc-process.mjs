#!/usr/bin/env node
// Case 9: a process whose /proc folder is the input. Its `environ` holds a real secret
// after 9 KB of text (so the file does not look binary), and the folder holds the hostile
// parts /proc always has: links that resolve but cannot be stat'ed (fd/), files whose size
// reads 0 yet yield gigabytes (pagemap), files that fail to read (mem: EIO).
// Usage: node proc-process.mjs   (prints the folder, keeps the process 60 s)
import { spawn } from 'node:child_process';
import { fakeToken, isMain } from './lib.mjs';

export const PROC_SECRET = fakeToken('proc-process');

/** Starts `sleep`; call `stop()` when done. */
export async function procProcess(seconds = 120) {
  const child = spawn('sleep', [String(seconds)], { env: { NOTE: 'x'.repeat(9000) + `\nGITHUB_TOKEN=${PROC_SECRET}\n` }, stdio: 'ignore' });
  await new Promise((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  return { dir: `/proc/${child.pid}`, secret: PROC_SECRET, stop: () => child.kill() };
}

if (isMain(import.meta.url)) {
  const p = await procProcess(60);
  console.log(p.dir);
}
