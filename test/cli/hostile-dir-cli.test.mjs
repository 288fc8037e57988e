// `scan dir` on hostile inputs made by corpus/hostile/ scripts: the real secret is found,
// the exit code is the documented one, and the secret is printed nowhere.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir, ROOT, TEST_KEY } from '../helpers/cli.mjs';
import { fingerprint } from '../../dist/engine/fingerprint.js';
import { utf16Text, secret as utf16Secret } from '../../corpus/hostile/utf16-text.mjs';
import { secret as templateSecret } from '../../corpus/hostile/unclosed-template.mjs';

const fp = (s) => fingerprint(Buffer.from(TEST_KEY), s);

function scanJson(dir) {
  const r = runCli(['scan', 'dir', dir, '--format', 'json', '--no-progress']);
  return { ...r, doc: JSON.parse(r.stdout) };
}

t.test('a UTF-16 file that is the only file: found at its own line and column, exit 1', async (t) => {
  for (const order of ['le', 'be']) {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.env'), utf16Text(order));
    const r = scanJson(dir);
    t.equal(r.code, 1, `UTF-16${order.toUpperCase()}: exit 1, not a silent 0`);
    t.equal(r.doc.findings.length, 1);
    t.match(r.doc.findings[0], { line: 3, column: 14, origin: { path: 'settings.env' }, fingerprint: fp(utf16Secret()) });
    t.same(r.doc.skipped ?? [], [], 'not skipped as binary');
    t.notOk(r.stdout.includes(utf16Secret()) || r.stderr.includes(utf16Secret()), 'secret not printed');
  }
});

t.test('a UTF-16 YAML file gets its yaml path like any other', async (t) => {
  const dir = tempDir();
  const tok = utf16Secret('utf16-yaml');
  writeFileSync(join(dir, 'values.yaml'), Buffer.from(`\ufeffgithub:\r\n  token: ${tok}\r\n`, 'utf16le'));
  const r = scanJson(dir);
  t.equal(r.code, 1);
  t.match(r.doc.findings[0], { line: 2, column: 10, yamlPath: 'github.token', fingerprint: fp(tok) });
});

t.test('2 MB of unclosed {{ in a values file: scanned (the blanking is linear), the token beside it found', async (t) => {
  const dir = tempDir();
  spawnSync(process.execPath, [join(ROOT, 'corpus/hostile/make.mjs'), 'unclosed-template', join(dir, 'values.yaml'), '2MB']);
  const r = scanJson(dir);
  t.equal(r.code, 1, r.stderr);
  t.equal(r.doc.findings.length, 1);
  t.match(r.doc.findings[0], { line: 6, column: 10, fingerprint: fp(templateSecret()) });
  t.notOk(r.stdout.includes(templateSecret()), 'secret not printed');
});
