// The redactor replaces known values as the regex alternation it replaced did (longest value
// first at each place, short ones only standing alone), on random texts and value sets
// built to collide: shared prefixes of every length class, values inside values, short ones
// next to letters.
import t from 'tap';
import fc from 'fast-check';
import { Redactor } from '../../dist/redact/redactor.js';
import { preview } from '../../dist/engine/fingerprint.js';

/** The old implementation, kept as the reference. */
function reference(values, text) {
  const shown = new Map();
  for (const secret of values) {
    if (!secret || secret.length < 4 || shown.has(secret)) continue;
    const s = `[redacted ${preview(secret)}]`;
    for (const f of new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURI(secret), encodeURIComponent(secret)])) if (!shown.has(f)) shown.set(f, s);
  }
  if (shown.size === 0 || !text) return text;
  const sorted = [...shown.keys()].sort((a, b) => b.length - a.length);
  const alts = sorted.map((v) => {
    const e = v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return v.length >= 8 ? e : `(?<![A-Za-z0-9])${e}(?![A-Za-z0-9])`;
  });
  return text.replace(new RegExp(alts.join('|'), 'g'), (m) => shown.get(m) ?? m);
}

const alphabet = fc.constantFrom('a', 'b', 'A', '0', '-', ' ', '\n', '"', '/', '+', '=', 'é', '…', '😀', '%');
const word = (min, max) => fc.array(alphabet, { minLength: min, maxLength: max }).map((a) => a.join(''));
const prefixes = fc.constantFrom('', 'ghp_', '-----BEGIN RSA PRIVATE KEY-----\n', 'x'.repeat(40), 'xoxb-1234-');

t.test('same output as the regex alternation', (t) => {
  fc.assert(
    fc.property(fc.array(fc.tuple(prefixes, word(0, 80)).map(([p, w]) => p + w), { minLength: 1, maxLength: 12 }), fc.array(fc.nat(), { maxLength: 30 }), word(0, 60), (values, picks, noise) => {
      // The text strings values (and pieces of them) together with noise in between.
      let text = noise;
      for (const p of picks) {
        const v = values[p % values.length];
        text += p % 3 === 0 ? v : p % 3 === 1 ? v.slice(0, Math.max(0, v.length - 1)) + noise.slice(0, 3) : noise.slice(p % 5) + JSON.stringify(v).slice(1, -1);
      }
      const r = new Redactor();
      for (const v of values) r.add(v);
      const want = reference(values, text);
      t.equal(r.redact(text), want);
      t.equal(r.leaks(text), want !== text);
    }),
    { numRuns: 400 },
  );
  t.end();
});

t.test('short values only where they stand alone; longest first; disabled and empty', (t) => {
  const r = new Redactor();
  r.add('abcd');
  r.add('abcdefghij');
  t.equal(r.redact('xabcd abcd abcdefghijk'), `xabcd [redacted ${preview('abcd')}] [redacted ${preview('abcdefghij')}]k`);
  t.equal(r.leaks('nothing here'), false);
  r.enabled = false;
  t.equal(r.redact('abcd'), 'abcd');
  t.equal(r.redact('abcd', true), `[redacted ${preview('abcd')}]`);
  t.equal(new Redactor().redact('abcd'), 'abcd');
  t.end();
});

t.test('a large report with thousands of values redacts in one pass', (t) => {
  const r = new Redactor();
  const values = Array.from({ length: 2000 }, (_, i) => `ghp_${String(i).padStart(8, '0')}${'Q'.repeat(28)}`);
  for (const v of values) r.add(v);
  const text = values.map((v, i) => `{"preview":"ghp_…","n":${i},"v":"${v}"}`).join('\n').repeat(2);
  const out = r.redact(text);
  t.notOk(values.some((v) => out.includes(v)), 'every value replaced');
  t.equal(out, reference(values, text));
  t.end();
});

t.test('a large text found clean is not scanned again in the same task, unless a value was added since', async (t) => {
  const r = new Redactor();
  r.add('ghp_firstvalue0000000000000000000000000');
  const later = 'ghp_latervalue0000000000000000000000000';
  const text = 'x'.repeat(2 * 1024 * 1024) + later;
  t.equal(r.redact(text), text, 'clean');
  t.equal(r.redact(text), text, 'clean again (remembered)');
  r.add(later);
  t.not(r.redact(text), text, 'a value added since is still found in the same task');
  await Promise.resolve();
  t.ok(r.redact(text).endsWith(`[redacted ${preview(later)}]`));
});
