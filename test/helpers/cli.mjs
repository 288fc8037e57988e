// Runs the real CLI (bin/credsweep.js over dist/) in a child process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'credsweep.js');
export const TEST_KEY = 'credsweep-test-fingerprint-key';

// One config dir per test process: the catalogue cache is reused across runs, the user's is untouched.
const CONFIG_HOME = mkdtempSync(join(tmpdir(), 'credsweep-cfg-'));

export function runCli(args, opts = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: {
      ...process.env,
      CREDSWEEP_FINGERPRINT_KEY: TEST_KEY,
      XDG_CONFIG_HOME: CONFIG_HOME,
      NO_COLOR: '1',
      ...(opts.env ?? {}),
    },
    input: opts.input,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'credsweep-test-') {
  return mkdtempSync(join(tmpdir(), prefix));
}
