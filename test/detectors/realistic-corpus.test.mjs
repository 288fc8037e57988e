// Scans corpus/realistic (configs, code, manifests, a notebook, dotfiles with planted fake
// secrets and decoys) with the whole catalogue and checks the findings against
// corpus/realistic/expected.json exactly: nothing missing, nothing extra.
// Set CREDSWEEP_PRINT_FINDINGS=1 to print what the engine found.
import t from 'tap';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Scanner } from '../../dist/engine/scanner.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'corpus', 'realistic');
const expected = JSON.parse(readFileSync(join(root, 'expected.json'), 'utf8'));

function* files(dir, rel = '') {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) yield* files(join(dir, e.name), r);
    else if (e.isFile() && r !== 'expected.json') yield { data: readFileSync(join(dir, e.name)), origin: { kind: 'file', path: r } };
  }
}

const key = (f) => `${f.file}:${f.line}:${f.ruleId}`;

t.test('realistic corpus: exact expected findings', async (t) => {
  const scanner = new Scanner({ threads: 0, fingerprintKey: Buffer.alloc(32) });
  const found = (await scanner.scanAll(files(root))).map((f) => ({ file: f.origin.path, line: f.line, ruleId: f.ruleId, confidence: f.confidence, decoded: f.decoded }));
  await scanner.close();
  if (process.env.CREDSWEEP_PRINT_FINDINGS) console.error(JSON.stringify(found.sort((a, b) => key(a).localeCompare(key(b))), null, 2));
  const want = new Set(expected.findings.map(key));
  const got = new Set(found.map(key));
  const missing = [...want].filter((k) => !got.has(k)).sort();
  const extra = [...got].filter((k) => !want.has(k)).sort();
  t.same(missing, [], 'no expected finding is missing');
  t.same(extra, [], 'no unexpected finding');
  t.equal(found.length, got.size, 'one finding per file, line and rule');
  for (const e of expected.findings) {
    const f = found.find((x) => key(x) === key(e));
    if (f && e.decoded) t.equal(f.decoded, e.decoded, `${key(e)} found inside a ${e.decoded} segment`);
  }
});
