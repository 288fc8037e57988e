import t from 'tap';
import { requiredLiterals } from '../../dist/detectors/required-literals.js';
import { loadCatalogue } from '../../dist/detectors/catalogue.js';

t.test('reads literals every match needs, lowercased, and nothing it cannot follow', async (t) => {
  t.same(requiredLiterals('(?i)(?:acme)[\\w.-]{0,25}(?:client[_-]?secret|api[_-]?key)\\W{0,6}([A-Za-z0-9]{32})', ['acme']), [
    'api-key', 'api_key', 'apikey', 'client-secret', 'client_secret', 'clientsecret',
  ]);
  // Only the keyword itself, or something inside it: nothing more to say.
  t.equal(requiredLiterals('(?i)token["\']{0,2}\\s*=\\s*(\\S{16,})', ['token']), undefined);
  t.equal(requiredLiterals('\\b(API-[A-Z0-9]{26,32})\\b', ['api-']), undefined);
  // An optional part or a branch without a literal gives no set.
  t.equal(requiredLiterals('(?:secret_key)?=([a-z]{20})', ['x']), undefined);
  t.equal(requiredLiterals('(?:secret_key|[a-z]+)=([a-z]{20})', ['x']), undefined);
  t.same(requiredLiterals('(?:secret_key|private_key)=([a-z]{20})', ['x']), ['private_key=', 'secret_key=']);
  // Escapes, hex, classes of a few characters, repeats of a fixed small count.
  t.same(requiredLiterals('AB\\x2dCD(x{2})', ['q']), ['ab-cdxx']);
  t.same(requiredLiterals('xo[xX]b-(\\d+)', ['q']), ['xoxb-']);
  // What the reader does not follow gives nothing rather than a wrong set.
  t.equal(requiredLiterals('(?i)\\Qabc\\E(x)', ['q']), undefined);
  t.same(requiredLiterals('abc[[:alpha:]]d(x)', ['q']), ['abc']);
  t.equal(requiredLiterals('ab[[:alpha:]]d(x)', ['q']), undefined);
});

t.test('every rule example holds one of its rule\'s required literals', async (t) => {
  const cat = loadCatalogue();
  let withSets = 0;
  for (const r of cat.rules) {
    if (!r.required) continue;
    withSets++;
    t.ok(r.required.every((l) => l === l.toLowerCase() && l.length >= 3), `${r.id}: lowercase, 3+ characters`);
    for (const ex of r.examples) {
      const text = ex.text.toLowerCase();
      if (!r.required.some((l) => text.includes(l))) t.fail(`${r.id}: example without any of ${JSON.stringify(r.required)}`);
    }
  }
  t.ok(withSets > 100, `${withSets} rules have required literals`);
});
