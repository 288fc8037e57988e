import t from 'tap';
import fc from 'fast-check';
import { blankTemplates } from '../../../dist/enrich/yaml/template-blank.js';

// What the blanking must do, written the slow obvious way (a lazy regex: quadratic when a
// `{{` never closes, fine on small inputs).
const reference = (s) => s.replace(/\{\{[\s\S]*?\}\}/g, (m) => m.replace(/[^\n\r]/g, ' '));
const budget = { numRuns: 500, seed: 20261129 };

t.test('blankTemplates matches the reference on any mix of braces, text and newlines', async (t) => {
  const text = fc.array(fc.constantFrom('{', '}', '{{', '}}', '{{ .Values.x }}', 'a', ' ', '\n', '\r\n', 'é', '{{-', '-}}'), { maxLength: 120 }).map((a) => a.join(''));
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(text, (s) => {
        const out = blankTemplates(s);
        if (out !== reference(s)) return false;
        if (out.length !== s.length) return false;
        for (let i = 0; i < s.length; i++) if ((s[i] === '\n' || s[i] === '\r') !== (out[i] === '\n' || out[i] === '\r')) return false;
        return blankTemplates(out) === out || out.includes('{{');
      }),
      budget,
    ),
  );
});

t.test('an unclosed {{ leaves the rest as it is, and many of them stay cheap', async (t) => {
  t.equal(blankTemplates('a: {{ x }}\nb: {{ y\nc: z\n'), `a: ${' '.repeat(7)}\nb: {{ y\nc: z\n`);
  const big = 'k: {{ v\n'.repeat(250_000);
  t.equal(blankTemplates(big), big, '2 MB of unclosed actions come back unchanged');
});
