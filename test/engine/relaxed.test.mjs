import t from 'tap';
import RE2 from 're2';
import { relaxedPattern } from '../../dist/engine/relaxed.js';
import { loadCatalogue } from '../../dist/detectors/catalogue.js';

t.test('bounded repeats open up; classes, escapes and short repeats stay as they are', async (t) => {
  t.equal(relaxedPattern('a{0,300}?b'), 'a{0,}?b');
  t.equal(relaxedPattern('[A-Z0-9]{16,256}x'), '[A-Z0-9]{16,}x');
  t.equal(relaxedPattern('x{2,5}'), undefined, 'a short range is cheap already');
  t.equal(relaxedPattern('x{32}'), undefined, 'an exact count is kept');
  t.equal(relaxedPattern('[{0,300}]\\{0,300}y'), undefined, 'braces in a class or escaped are literal');
  t.equal(relaxedPattern('[]{0,300}]{0,20}'), '[]{0,300}]{0,}');
  t.equal(relaxedPattern('[[:alpha:]{]{0,99}'), '[[:alpha:]{]{0,}');
  t.equal(relaxedPattern('\\x{41}{0,40}'), '\\x{41}{0,}');
  t.equal(relaxedPattern('\\Qa{0,40}\\E'), undefined);
});

t.test('every rule\'s relaxed form compiles and matches wherever the rule does (its examples)', async (t) => {
  let relaxed = 0;
  for (const r of loadCatalogue().rules) {
    const p = relaxedPattern(r.regex);
    if (!p) continue;
    relaxed++;
    const re = new RE2(p);
    for (const ex of r.examples) if (!re.test(Buffer.from(ex.text))) t.fail(`${r.id}: relaxed form misses an example`);
  }
  t.ok(relaxed > 100, `${relaxed} rules have a relaxed form`);
});
