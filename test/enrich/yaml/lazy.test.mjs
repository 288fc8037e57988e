// The YAML stage pays only where it gives something (issue 15): work bounds as properties,
// counted by the stage itself, never timed. Real engine, real sources, no mocks.
import t from 'tap';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { YamlStage } from '../../../dist/enrich/yaml/stage.js';
import { triage } from '../../../dist/enrich/yaml/triage.js';
import { blankTemplates } from '../../../dist/enrich/yaml/template-blank.js';
import { documentSpans } from '../../../dist/enrich/yaml/yaml-text.js';
import { withYamlEnrichment } from '../../../dist/enrich/index.js';
import { DirSource } from '../../../dist/sources/dir/index.js';
import { Scanner } from '../../../dist/engine/scanner.js';
import { scanSource } from '../../../dist/app/scan-source.js';
import { checksummedToken } from '../../helpers/tokens.mjs';

const KEY = Buffer.from('credsweep-yaml-lazy-key');
const scanner = new Scanner({ threads: 0, fingerprintKey: KEY, minConfidence: 'low' });
t.teardown(() => scanner.close());
const work = mkdtempSync(join(tmpdir(), 'credsweep-yaml-lazy-'));
t.teardown(() => rmSync(work, { recursive: true, force: true }));

/** Runs chunks through stage and engine the way the wrapper does; returns findings. */
async function run(stage, files) {
  const chunks = [];
  for (const [path, text] of files) {
    const chunk = { data: Buffer.from(text), origin: { kind: 'file', path } };
    chunks.push(chunk, ...stage.observe(chunk));
  }
  return stage.finish(await scanner.scanAll(chunks));
}

const service = (i) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\nspec:\n  ports:\n    - port: ${8000 + i}\n`;
const ciConfig = (i) => `name: build ${i}\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n`;

t.test('YAML without a finding and without what a hygiene rule reads is never parsed', async (t) => {
  const stage = new YamlStage({ fingerprintKey: KEY });
  const files = [];
  for (let i = 0; i < 50; i++) files.push([`svc/${i}.yaml`, service(i)], [`ci/${i}.yml`, ciConfig(i)]);
  const findings = await run(stage, files);
  t.same(findings, []);
  t.equal(stage.stats.files, 100);
  t.equal(stage.stats.parsedWhileScanning + stage.stats.parsedInFinish, 0, 'no parse at all');
});

t.test('a finding gets its file parsed once, in finish, for its yaml path', async (t) => {
  const stage = new YamlStage({ fingerprintKey: KEY });
  const token = checksummedToken();
  const files = [['app/config.yaml', `app:\n  github:\n    token: ${token}\n`], ...Array.from({ length: 20 }, (_, i) => [`svc/${i}.yaml`, service(i)])];
  const findings = await run(stage, files);
  t.same(findings.map((f) => [f.origin.path, f.yamlPath]), [['app/config.yaml', 'app.github.token']]);
  t.same([stage.stats.parsedWhileScanning, stage.stats.parsedInFinish], [0, 1]);
});

t.test('only files that may hold hygiene are parsed without a finding; Secrets while scanning', async (t) => {
  const stage = new YamlStage({ fingerprintKey: KEY });
  const files = [
    ['cm.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata:\n  db_password: "Zq8vT3nK7wLp2RxY"\n'],
    ['values.yaml', 'env:\n  - name: API_TOKEN\n    value: "Hq2mN8vR4tLw9XzK"\n'],
    ['secret.yaml', `apiVersion: v1\nkind: Secret\ndata:\n  note: ${Buffer.from('hello there').toString('base64')}\n`],
    ['svc.yaml', service(1)],
  ];
  const findings = await run(stage, files);
  const rows = findings.filter((f) => f.kind === 'hygiene').map((f) => [f.origin.path, f.ruleId, f.yamlPath]).sort();
  t.same(rows, [
    ['cm.yaml', 'credential-in-configmap', 'data.db_password'],
    ['secret.yaml', 'committed-secret-manifest', 'data.note'],
    ['values.yaml', 'literal-secret-env', 'env[0].value'],
  ]);
  t.equal(stage.stats.parsedWhileScanning, 1, 'the Secret, to decode its data while scanning');
  t.equal(stage.stats.parsedInFinish, 2, 'the ConfigMap and the env list, once each');
});

t.test('triage is loose where it must be: every form a hygiene rule reads passes', async (t) => {
  const yes = ['kind: Secret', 'kind: "Secret"', "'kind': 'ConfigMap'", '{"kind": "Secret"}', 'spec:\n  env:\n  - name: A', '  extraEnvVars: []', 'ENV:', '- initEnv:'];
  for (const text of yes) t.ok(triage(Buffer.from(text)).hygiene, text);
  const no = ['kind: Service', 'kind: SecretProviderClass', 'environment:\n  A: b', 'envFrom:', 'prevent: true', 'name: secret'];
  for (const text of no) t.notOk(triage(Buffer.from(text)).hygiene, text);
  t.ok(triage(Buffer.from('kind: Secret')).secretData);
  t.notOk(triage(Buffer.from('kind: ConfigMap\nenv: []')).secretData);
});

t.test('a large multi-document file is parsed one document at a time, and only as far as needed', async (t) => {
  const token = checksummedToken();
  // Block scalars make big documents that are cheap to parse: the file passes the single-parse limit.
  const notes = `  notes: |\n${'    lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor\n'.repeat(30)}`;
  const docs = Array.from({ length: 1800 }, (_, i) => service(i) + notes);
  docs[3] = `apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    token: ${token}\n`;
  const text = docs.join('---\n');
  t.ok(text.length > 4 * 1024 * 1024, 'over the single-parse limit');
  const stage = new YamlStage({ fingerprintKey: KEY });
  const findings = await run(stage, [['bundle.yaml', text]]);
  t.same(findings.map((f) => [f.ruleId, f.yamlPath]), [['github-pat-classic', 'metadata.annotations.token']]);
  t.ok(stage.stats.documents <= 6, `documents composed: ${stage.stats.documents} of ${docs.length}`);

  const secretLast = [...docs, `apiVersion: v1\nkind: Secret\nstringData:\n  password: "Zq8vT3nK7wLp2RxY"\n`].join('---\n');
  const line = secretLast.split('\n').length - 1;
  const stage2 = new YamlStage({ fingerprintKey: KEY });
  const rows = (await run(stage2, [['bundle.yaml', secretLast]])).map((f) => [f.kind, f.ruleId, f.line, f.yamlPath]);
  t.same(rows.filter((r) => r[0] === 'hygiene'), [['hygiene', 'committed-secret-manifest', line, 'stringData.password']], 'the last document of a file too large to parse whole');
});

t.test('document spans of a large file: --- starts one, ... ends one', async (t) => {
  const text = 'a: 1\n---\nb: 2\n...\n# c\n--- x\nc: |\n  ---not a marker\n';
  t.same(documentSpans(text).map(([a, b]) => text.slice(a, b)), ['a: 1\n', '---\nb: 2\n...\n', '# c\n', '--- x\nc: |\n  ---not a marker\n']);
});

t.test('template blanking: one forward pass, same result as the lazy regex it replaced', async (t) => {
  const reference = (s) => s.replace(/\{\{[\s\S]*?\}\}/g, (m) => m.replace(/[^\n\r]/g, ' '));
  fc.assert(
    fc.property(fc.array(fc.constantFrom('{', '}', '{{', '}}', 'a', ' ', '\n', '\r', 'x: '), { maxLength: 60 }), (parts) => {
      const s = parts.join('');
      return blankTemplates(s) === reference(s);
    }),
    { numRuns: 2000 },
  );
  // 200,000 unclosed `{{`: the regex searched to the end from each (quadratic); one pass does not.
  const open = 'a: {{ x\n'.repeat(200000);
  t.equal(blankTemplates(open), open);
});

t.test('the wrapper over a real DirSource: inner finish runs after, errors and skipped are the inner lists', async (t) => {
  const root = join(work, 'tree');
  mkdirSync(join(root, 'k8s'), { recursive: true });
  const token = checksummedToken();
  writeFileSync(join(root, 'k8s', 'secret.yaml'), `apiVersion: v1\nkind: Secret\ndata:\n  token: ${Buffer.from(token).toString('base64')}\n`);
  writeFileSync(join(root, 'big.txt'), 'x'.repeat(2000));
  const inner = new DirSource(root, { maxFileSize: 1000 });
  const source = withYamlEnrichment(inner, { fingerprintKey: KEY, minConfidence: 'low' });
  t.equal(source.name, root);
  const r = await scanSource(source, scanner);
  t.equal(source.skipped, inner.skipped);
  t.same(r.skipped.map((s) => s.path), ['big.txt']);
  t.same(r.findings.map((f) => [f.kind, f.ruleId, f.origin.path, f.line, f.yamlPath, f.decoded]).sort(), [
    ['hygiene', 'committed-secret-manifest', 'k8s/secret.yaml', 4, 'data.token', 'base64'],
    ['rule', 'github-pat-classic', 'k8s/secret.yaml', 4, 'data.token', 'base64'],
  ]);
  t.notOk(JSON.stringify(r.findings).includes(token));
});
