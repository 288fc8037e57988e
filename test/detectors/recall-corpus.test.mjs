// The recall corpus (corpus/recall: one file per credential format, written from the
// providers' formats, not from the rules' own examples) stays found: a rule change that
// loses a format shows up here by name.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalogue } from '../../dist/detectors/catalogue.js';
import { compileCatalogue } from '../../dist/engine/compile.js';
import { detect } from '../../dist/engine/detect.js';

const corpus = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'corpus', 'recall');
const { planted } = JSON.parse(readFileSync(join(corpus, 'planted.json'), 'utf8'));
const compiled = compileCatalogue(loadCatalogue());
// Formats no rule can read without knowing the file's name (credential-store parsers, issue 12).
const KNOWN_MISSES = new Set(['pgpass']);

t.test('every planted format is found', async (t) => {
  const missed = planted
    .filter((p) => !KNOWN_MISSES.has(p.format))
    .filter((p) => !detect(compiled, readFileSync(join(corpus, 'files', p.file)), { name: p.file }).some((h) => h.secret.includes(p.secret) || (p.secret.includes(h.secret) && h.secret.length >= 0.8 * p.secret.length)))
    .map((p) => p.format);
  t.same(missed, []);
  t.ok(planted.length >= 140, `${planted.length} formats`);
});
