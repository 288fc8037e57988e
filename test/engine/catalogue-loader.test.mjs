import t from 'tap';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalogue, CatalogueError } from '../../dist/detectors/catalogue.js';
import { tempDir } from '../helpers/cli.mjs';

function catalogueWith(yaml) {
  const dir = tempDir();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'broken.yaml'), yaml);
  return dir;
}

const base = (extra) => `rules:\n  - id: demo-rule\n    name: Demo\n    keywords: [demo_]\n    examples: [{ text: "demo_abc", secret: "demo_abc" }]\n${extra}`;

t.test('errors name the file and the rule', async (t) => {
  const cases = [
    [base(`    regex: '(demo_[a-z'\n`), /broken\.yaml rule 'demo-rule': regex does not compile/],
    [base(`    regex: 'demo_[a-z]+'\n`), /needs a capture group/],
    [base(`    regex: '(demo)_([a-z]+)'\n`), /several capture groups/],
    [base(`    regex: '(demo_[a-z]+)'\n    validate: nope\n`), /unknown validator 'nope'/],
    [base(`    regex: '(demo_[a-z]+)'\n    confidence: sure\n`), /confidence/],
    [`rules:\n  - id: Bad_Id\n`, /id must be lowercase/],
    [`rules: [`, /invalid YAML/],
    [`nothing: here\n`, /top-level `rules:` list/],
  ];
  for (const [yaml, msg] of cases) {
    let err;
    try {
      loadCatalogue(catalogueWith(yaml));
    } catch (e) {
      err = e;
    }
    t.ok(err instanceof CatalogueError, `CatalogueError for ${msg}`);
    t.match(err?.message, msg);
  }
});

t.test('keywords must be lowercase and the shipped catalogue loads', async (t) => {
  t.throws(() => loadCatalogue(catalogueWith(base(`    regex: '(demo_[a-z]+)'\n`).replace('[demo_]', '[DEMO_]'))), /must be lowercase/);
  const cat = loadCatalogue();
  t.ok(cat.rules.length >= 40, `${cat.rules.length} rules`);
  t.match(cat.hash, /^[0-9a-f]{64}$/);
});
