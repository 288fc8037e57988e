// The catalogue's shape: one provider per file, each file naming a known category, so a
// policy keyed on a provider (`providers: {stripe: 30d}`) matches that provider's rules.
import t from 'tap';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parse } from 'yaml';
import { loadCatalogue, defaultCatalogueDir, CatalogueError } from '../../dist/detectors/catalogue.js';
import { CATEGORIES } from '../../dist/detectors/categories.js';

const dir = defaultCatalogueDir();
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

t.test('every file names one provider and a known category, and no rule overrides the provider', async (t) => {
  for (const f of files) {
    const doc = parse(readFileSync(join(dir, f), 'utf8'));
    t.type(doc.provider, 'string', `${f} has provider`);
    t.ok(Object.hasOwn(CATEGORIES, doc.category), `${f} has a known category (${doc.category})`);
    t.notOk(Object.hasOwn(CATEGORIES, doc.provider) && !['generic', 'config-file', 'connection-string', 'crypto', 'password-hash'].includes(doc.provider), `${f}: provider is not a category name`);
    t.same(doc.rules.filter((r) => r.provider !== undefined).map((r) => r.id), [], `${f}: rules take the file's provider`);
  }
});

t.test('loaded rules carry provider and category', async (t) => {
  const cat = loadCatalogue();
  const stripe = cat.rules.filter((r) => r.provider === 'stripe');
  t.ok(stripe.length >= 4, 'Stripe rules carry provider stripe');
  t.ok(stripe.every((r) => r.category === 'payment'));
  t.same(cat.rules.filter((r) => !Object.hasOwn(CATEGORIES, r.category)).map((r) => r.id), []);
});

t.test('an unknown category is an error naming the file', async (t) => {
  const d = mkdtempSync(join(tmpdir(), 'credsweep-cat-'));
  writeFileSync(join(d, 'acme.yaml'), `provider: acme\ncategory: widgets\nrules:\n  - id: acme-key\n    name: Acme key\n    regex: '(acme_[a-z]{8})'\n    keywords: [acme_]\n    examples: [{ text: acme_abcdefgh, secret: acme_abcdefgh }]\n`);
  let err;
  try {
    loadCatalogue(d);
  } catch (e) {
    err = e;
  }
  t.ok(err instanceof CatalogueError, 'CatalogueError');
  t.match(err?.message, /acme\.yaml.*unknown category 'widgets'/);
});

t.test('a file without a category keeps its family when the provider names one', async (t) => {
  const d = mkdtempSync(join(tmpdir(), 'credsweep-cat-'));
  const rule = (id) => `  - id: ${id}\n    name: x\n    regex: '(x_[a-z]{8})'\n    keywords: [x_]\n    examples: [{ text: x_abcdefgh, secret: x_abcdefgh }]\n`;
  writeFileSync(join(d, 'generic.yaml'), `provider: generic\nrules:\n${rule('old-generic')}`);
  writeFileSync(join(d, 'acme.yaml'), `provider: acme\nrules:\n${rule('old-acme')}`);
  const cat = loadCatalogue(d);
  t.same(Object.fromEntries(cat.rules.map((r) => [r.id, r.category])), { 'old-generic': 'generic', 'old-acme': 'uncategorised' });
});
