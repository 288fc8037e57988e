// Wall time, CPU time (steadier on a shared machine) and peak RSS of `credsweep scan dir` on the hostile inputs (corpus/hostile/), made
// fresh in a temp folder. Figures for the closing note, not a pass/fail gate.
//   node bench/hostile.mjs [case:size ...]   e.g. long-line:10.4MB repeated-byte:300MB
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const cases = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['long-line:1MB', 'long-line:10.4MB', 'unclosed-template:640KB', 'unclosed-template:2MB', 'repeated-byte:300MB', 'utf16-le:1', 'utf16-be:1'];
const names = { 'unclosed-template': 'values.yaml', 'utf16-le': 'win.env', 'utf16-be': 'win.env' };
const rows = [];
for (const c of cases) {
  const [kind, size] = c.split(':');
  const dir = mkdtempSync(join(tmpdir(), 'credsweep-hostile-'));
  const file = join(dir, names[kind] ?? `${kind}.txt`);
  spawnSync(process.execPath, [join(ROOT, 'corpus/hostile/make.mjs'), kind, file, size], { stdio: 'inherit' });
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, join(ROOT, 'bin/credsweep.js'), 'scan', 'dir', dir, '--no-progress', '-f', 'json', '--max-file-size', '1GB', '--fail-on', 'none'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, CREDSWEEP_FINGERPRINT_KEY: 'hostile-bench-key' },
  });
  const [secs, user, sys, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  let findings = '?';
  try {
    findings = JSON.parse(r.stdout).findings.length;
  } catch {}
  rows.push({ case: c, exit: r.status, seconds: secs, cpuSeconds: Math.round((user + sys) * 100) / 100, rssMB: Math.round(kb / 1024), findings });
  console.log(JSON.stringify(rows.at(-1)));
  rmSync(dir, { recursive: true, force: true });
}
