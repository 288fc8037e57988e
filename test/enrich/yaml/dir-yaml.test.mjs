// `scan dir` gives plain manifest folders the same k8s treatment (the analysis is shared).
import t from 'tap';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../helpers/cli.mjs';
import { checksummedToken } from '../../helpers/tokens.mjs';

const work = mkdtempSync(join(tmpdir(), 'credsweep-dir-yaml-'));
t.teardown(() => rmSync(work, { recursive: true, force: true }));

t.test('Secret data decoded, paths and hygiene in scan dir', async (t) => {
  const token = checksummedToken();
  mkdirSync(join(work, 'deploy'));
  writeFileSync(
    join(work, 'deploy', 'secret.yml'),
    `# app secrets\napiVersion: v1\nkind: Secret\nmetadata:\n  name: app\nstringData:\n  note: hello\ndata:\n  token: ${Buffer.from(token).toString('base64')}\n`,
  );
  writeFileSync(join(work, 'broken.yaml'), 'a: "unterminated\n');
  const r = runCli(['scan', 'dir', work, '--format', 'json', '--threads', '0', '--no-progress', '--min-confidence', 'low']);
  t.equal(r.code, 1, r.stderr);
  t.notOk(r.stdout.includes(token));
  const doc = JSON.parse(r.stdout);
  t.same(doc.errors, [], 'invalid YAML in a plain folder is not an error: it is still scanned as text');
  const rows = doc.findings.map((f) => [f.kind, f.ruleId, f.origin.path, f.line, f.column, f.yamlPath, f.decoded ?? null]);
  t.same(rows.filter((r) => r[1] !== 'docker-config-auth').sort(), [
    ['hygiene', 'committed-secret-manifest', 'deploy/secret.yml', 7, 9, 'stringData.note', null],
    ['hygiene', 'committed-secret-manifest', 'deploy/secret.yml', 9, 10, 'data.token', 'base64'],
    ['rule', 'github-pat-classic', 'deploy/secret.yml', 9, 10, 'data.token', 'base64'],
  ]);
});
