// The rule loader on arbitrary rule files: it loads them or throws a CatalogueError naming
// the file, never anything else; and what it loads compiles and scans without throwing.
import t from 'tap';
import fc from 'fast-check';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadCatalogue, CatalogueError } from '../../dist/detectors/catalogue.js';
import { compileCatalogue } from '../../dist/engine/compile.js';
import { detect } from '../../dist/engine/detect.js';
import { tempDir } from '../helpers/cli.mjs';

// The loader caches validated catalogues under the config dir: keep that in a temp folder.
process.env.XDG_CONFIG_HOME = tempDir('credsweep-prop-cfg-');
const budget = { numRuns: 300, seed: 20261129 };
// The YAML parser reports odd directives (`%x`) as process warnings; generated files have many.
process.removeAllListeners('warning');

const maybe = (arb) => fc.option(arb, { nil: undefined, freq: 4 });
const odd = fc.oneof(fc.constant(null), fc.integer(), fc.double(), fc.boolean(), fc.string({ maxLength: 8 }), fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }), fc.constant({}));
const regex = fc.oneof(
  fc.constantFrom('(demo_[a-z0-9]{8,})', '(?P<secret>k_[A-Z]{4})', 'demo_([a-z]+)', '((a)(b))', '(', '[a-', '(a*)*', '(?i)(tok[0-9]{2,})', '(.*)', '()', '(\\w+)'),
  fc.string({ maxLength: 12 }),
);
const keyword = fc.oneof(fc.constantFrom('demo_', 'k_', 'tok', 'a', 'é', '😀', 'UPPER', ''), fc.string({ maxLength: 6 }));
const example = fc.oneof(fc.record({ text: fc.constantFrom('x demo_abcdefgh1', 'k_ABCD', 'tok42'), secret: fc.constantFrom('demo_abcdefgh1', 'k_ABCD', 'tok42') }), odd);
const rule = fc.record(
  {
    id: maybe(fc.oneof(fc.constantFrom('demo-rule', 'other-rule', 'Bad_Id', ''), fc.stringMatching(/^[a-z0-9-]{1,10}$/), odd)),
    name: maybe(fc.oneof(fc.constant('Demo'), odd)),
    regex: maybe(fc.oneof(regex, odd)),
    keywords: maybe(fc.oneof(fc.array(keyword, { maxLength: 3 }), odd)),
    confidence: maybe(fc.oneof(fc.constantFrom('low', 'medium', 'high', 'sure'), odd)),
    entropy: maybe(fc.oneof(fc.double(), fc.integer({ min: -2, max: 10 }), odd)),
    window: maybe(fc.oneof(fc.integer({ min: -5, max: 100000 }), fc.double(), odd)),
    validate: maybe(fc.oneof(fc.constantFrom('base62-crc32', 'jwt', 'nope'), odd)),
    allow: maybe(fc.oneof(fc.array(regex, { maxLength: 2 }), odd)),
    requires: maybe(fc.oneof(fc.record({ rule: fc.constantFrom('demo-rule', 'other-rule', 'missing'), within: fc.oneof(fc.integer({ min: -3, max: 50 }), fc.double()) }), odd)),
    examples: maybe(fc.oneof(fc.array(example, { maxLength: 2 }), odd)),
    negatives: maybe(fc.oneof(fc.array(fc.string({ maxLength: 8 }), { maxLength: 2 }), odd)),
    generic: maybe(fc.oneof(fc.boolean(), odd)),
  },
  { requiredKeys: [] },
);
// A valid rule with up to two fields replaced by anything: most files load, many do not.
const valid = fc.record({
  id: fc.oneof(fc.constantFrom('demo-rule', 'other-rule'), fc.stringMatching(/^[a-z][a-z0-9-]{3,12}$/)),
  name: fc.constant('Demo'),
  regex: fc.constantFrom('(demo_[a-z0-9]{8,})', '(?P<secret>k_[A-Z]{4})', '(?i)(tok[0-9]{2,})', '(\\w+)', '(.*)'),
  keywords: fc.constantFrom(['demo_'], ['k_', 'tok'], ['a']),
  examples: fc.constant([{ text: 'x demo_abcdefgh1', secret: 'demo_abcdefgh1' }]),
});
const FIELDS = ['id', 'name', 'regex', 'keywords', 'confidence', 'entropy', 'window', 'validate', 'allow', 'requires', 'examples', 'negatives', 'generic'];
const mutated = fc.tuple(valid, fc.subarray(FIELDS, { maxLength: 2 }), rule).map(([v, keys, wild]) => {
  const out = { ...v };
  for (const k of keys) {
    if (wild[k] === undefined) delete out[k];
    else out[k] = wild[k];
  }
  return out;
});
const file = fc.oneof(
  { arbitrary: fc.record({ rules: fc.array(mutated, { minLength: 1, maxLength: 3 }), provider: maybe(fc.constant('demo')) }).map((doc) => stringify(doc)), weight: 6 },
  fc.record({ rules: fc.array(fc.oneof(rule, odd), { minLength: 1, maxLength: 3 }), provider: maybe(fc.oneof(fc.constant('demo'), odd)) }, { requiredKeys: ['rules'] }).map((doc) => stringify(doc)),
  fc.constantFrom('rules: [', 'rules:\n  - &a [*a]\n', 'nothing: here\n', '', '---\n---\n', 'rules: !!binary aGVsbG8=\n'),
  fc.string({ maxLength: 40 }),
);

t.test('any rule file: a catalogue that compiles and scans, or a CatalogueError naming the file', async (t) => {
  const dir = join(tempDir(), 'rules');
  const input = Buffer.from('x demo_abcdefgh1 k_ABCD tok42 aaaa é 😀 ' + 'demo_'.repeat(20));
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(fc.array(file, { minLength: 1, maxLength: 2 }), (texts) => {
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        texts.forEach((text, i) => writeFileSync(join(dir, `p${i}.yaml`), text));
        let cat;
        try {
          cat = loadCatalogue(dir);
        } catch (e) {
          if (!(e instanceof CatalogueError)) throw e;
          if (!/^(p\d\.yaml|\/)/.test(e.message)) throw new Error(`error does not name the file: ${e.message}`);
          return true;
        }
        const compiled = compileCatalogue(cat);
        detect(compiled, input, { name: 'x.txt' });
        for (const r of cat.rules) for (const ex of r.examples) detect(compiled, Buffer.from(ex.text), { name: 'x.txt' });
        return true;
      }),
      budget,
    ),
  );
});
