// SIGINT during a long scan: reading stops, what was read is reported to the -o file, the run
// says so and exits 3 (partial). The input is this machine's /usr, far more than the 3 s given.
import t from 'tap';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, TEST_KEY, tempDir } from '../helpers/cli.mjs';

t.test('SIGINT writes the partial report and exits 3', { skip: existsSync('/usr/lib') ? false : 'no /usr/lib here' }, async (t) => {
  const out = join(tempDir(), 'partial.json');
  const p = spawn(process.execPath, [BIN, 'scan', 'dir', '/usr', '--threads', '1', '-f', 'json', '-o', out], { env: { ...process.env, CREDSWEEP_FINGERPRINT_KEY: TEST_KEY } });
  let stderr = '';
  p.stderr.on('data', (d) => (stderr += d));
  setTimeout(() => p.kill('SIGINT'), 3000);
  const code = await new Promise((r) => p.on('close', r));
  t.equal(code, 3, 'partial');
  t.match(stderr, /SIGINT: finishing with what was read so far/);
  t.match(stderr, /partial report written to .*partial\.json/);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  t.ok(report.errors.some((e) => /interrupted by SIGINT/.test(e.message)), 'the report names the interruption');
});
