// The YAML stage's analysis over plain manifests (any source): yaml paths for lists and
// multi-document files, template tolerance, decoded Secret data at the manifest line.
import t from 'tap';
import { YamlText } from '../../../dist/enrich/yaml/yaml-text.js';
import { PathFinder } from '../../../dist/enrich/yaml/paths.js';
import { lineKeyPath } from '../../../dist/enrich/yaml/line-keys.js';
import { YamlStage } from '../../../dist/enrich/yaml/stage.js';
import { Scanner } from '../../../dist/engine/scanner.js';
import { checksummedToken } from '../../helpers/tokens.mjs';

const KEY = Buffer.from('credsweep-yaml-test-key');
const scanner = new Scanner({ threads: 0, fingerprintKey: KEY, minConfidence: 'low' });

/** Paths at (line, column) places, through one streaming parse as the stage does it. */
function pathsAt(text, places) {
  const file = new YamlText(text);
  const finder = new PathFinder(file, places.map(([line, column]) => ({ line, column })));
  for (const d of file.documents()) finder.add(d);
  return places.map(([line, column]) => finder.pathAt(line, column));
}

t.test('yaml paths from the parsed document, lists indexed', async (t) => {
  const text = 'a:\n  env:\n    - name: X\n      value: one\n    - name: Y\n      value: two\n  "dotted.key": v\n---\nb: [1, {c: d}]\n';
  t.same(pathsAt(text, [[6, 14], [7, 17], [9, 12]]), ['a.env[1].value', 'a["dotted.key"]', 'b[1].c']);
});

t.test('templates are blanked, offsets kept', async (t) => {
  const text = 'spec:\n  {{- if .Values.x }}\n  token: {{ .Values.t | quote }}\n  other: literal\n  {{- end }}\n';
  t.ok(new YamlText(text).templated);
  t.same(pathsAt(text, [[4, 10]]), ['spec.other']);
});

t.test('line-based fallback when the parser gives up', async (t) => {
  const lines = ['top:', '  list:', '  - name: a', '    value: x', '  - name: b', '    value: "unterminated', 'other: 1'];
  t.equal(lineKeyPath(lines, 6), 'top.list[1].value');
  t.equal(lineKeyPath(lines, 3), 'top.list[0].name');
  t.equal(lineKeyPath(lines, 7), 'other');
});

t.test('Secret data decoded and reported at the manifest value; multi-document', async (t) => {
  const token = checksummedToken();
  const b64 = Buffer.from(token).toString('base64');
  const short = Buffer.from('s3cr3t-Pw-x9').toString('base64');
  const text = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'data:',
    '  db_password: "Zq8vT3nK7wLp2RxY"',
    '---',
    'apiVersion: v1',
    'kind: Secret',
    'data:',
    `  token: ${b64}`,
    `  short: ${short}`,
    '  empty: ""',
    '---',
    'apiVersion: v1',
    'kind: Pod',
    'spec:',
    '  containers:',
    '    - name: app',
    '      env:',
    '        - name: API_KEY',
    '          value: "Zq8vT3nK7wLp2RxY"',
    '        - name: API_KEY_FILE',
    '          value: /run/secrets/key',
    '',
  ].join('\n');
  const stage = new YamlStage({ fingerprintKey: KEY });
  const chunk = { data: Buffer.from(text), origin: { kind: 'file', path: 'k8s/all.yaml' } };
  const decoded = stage.observe(chunk);
  t.equal(decoded.length, 2, 'two decoded values to scan');
  const raw = await scanner.scanAll([chunk, ...decoded]);
  const findings = stage.finish(raw);
  const rows = findings.map((f) => [f.kind, f.ruleId, f.line, f.column, f.yamlPath, f.decoded ?? null]).sort();
  t.same(rows, [
    ['hygiene', 'committed-secret-manifest', 10, 10, 'data.short', 'base64'],
    ['hygiene', 'committed-secret-manifest', 9, 10, 'data.token', 'base64'],
    ['hygiene', 'credential-in-configmap', 4, 17, 'data.db_password', null],
    ['hygiene', 'literal-secret-env', 20, 19, 'spec.containers[0].env[0].value', null],
    ['rule', 'generic-password', 4, 17, 'data.db_password', null],
    ['rule', 'github-pat-classic', 9, 10, 'data.token', 'base64'],
  ]);
  for (const f of findings) t.equal(f.origin, chunk.origin, 'the file origin, not the decoded chunk copy');
  const fp = findings.filter((f) => f.yamlPath === 'data.token').map((f) => f.fingerprint);
  t.equal(fp[0], fp[1], 'hygiene and rule finding share the fingerprint of the decoded value');
  t.notOk(JSON.stringify(findings).includes('Zq8vT3nK7wLp2RxY'));
});

t.teardown(() => scanner.close());
