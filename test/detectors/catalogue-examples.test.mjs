// Runs every rule's own examples (must match, with the exact secret) and negatives (must not).
import t from 'tap';
import { loadCatalogue } from '../../dist/detectors/catalogue.js';
import { compileCatalogue } from '../../dist/engine/compile.js';
import { detect } from '../../dist/engine/detect.js';
import { fileFormat } from '../../dist/detectors/file-formats.js';

const catalogue = loadCatalogue();
const compiled = compileCatalogue(catalogue);

t.test('the catalogue is broad and every rule carries its own evidence', async (t) => {
  t.ok(catalogue.rules.length >= 600, `${catalogue.rules.length} rules`);
  const thin = catalogue.rules.filter((r) => r.examples.length < 2 || r.negatives.length < 2).map((r) => r.id);
  t.same(thin, [], 'at least two examples and two negatives per rule');
});

for (const rule of catalogue.rules) {
  t.test(rule.id, async (t) => {
    for (const ex of rule.examples) {
      const hits = detect(compiled, Buffer.from(ex.text), { name: ex.path });
      const mine = hits.filter((h) => h.rule.spec.id === rule.id);
      t.ok(mine.some((h) => h.secret === ex.secret), `example matches with its secret: ${JSON.stringify(ex.text).slice(0, 120)}`);
    }
    // A rule bound to file formats only runs in such files: its negatives are read as one.
    const name = rule.fileFormats ? fileFormat(rule.fileFormats[0]).sample : undefined;
    for (const neg of rule.negatives) {
      const hits = detect(compiled, Buffer.from(neg), { name }).filter((h) => h.rule.spec.id === rule.id);
      t.equal(hits.length, 0, `negative does not match: ${JSON.stringify(neg).slice(0, 120)}`);
    }
  });
}
