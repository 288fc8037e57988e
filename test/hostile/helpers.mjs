// Runs the real CLI on a hostile input and checks what every hostile case must hold:
// the real secret beside the hostile part is found, errors name the input, and no secret
// value appears in stdout, stderr or the report.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/credsweep.js', import.meta.url));

export function tempDir(t, prefix) {
  const dir = mkdtempSync(join(tmpdir(), `credsweep-hostile-${prefix}-`));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** `credsweep scan ...` with a JSON report on stdout; resolves to `{ code, report, stdout, stderr }`. */
export function scanJson(args, env = {}) {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, 'scan', ...args, '--format', 'json', '--no-progress', '--fail-on', 'any'],
      { env: { ...process.env, CREDSWEEP_FINGERPRINT_KEY: 'hostile-corpus-test-key', NO_COLOR: '1', ...env }, maxBuffer: 1 << 28 },
      (err, stdout, stderr) => {
        let report;
        try {
          report = JSON.parse(stdout);
        } catch {
          report = undefined;
        }
        resolve({ code: err ? err.code : 0, report, stdout, stderr });
      },
    );
  });
}

export function noSecretIn(t, text, secrets, what = 'output') {
  for (const s of secrets) t.notOk(text.includes(s), `no secret value in ${what}`);
}

/** Fingerprint-free check that a finding sits at `path` (origin path of any kind). */
export function foundAt(report, pathRe) {
  return report.findings.some((f) => pathRe.test(f.origin.path ?? f.origin.field ?? ''));
}
