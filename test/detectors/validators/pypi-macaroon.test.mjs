import t from 'tap';
import { randomBytes, randomUUID } from 'node:crypto';
import { validators } from '../../../dist/detectors/validators/index.js';

const v = validators['pypi-macaroon'];

// libmacaroons V2 binary: version 2, [location] identifier EOS, caveats (identifier EOS)*, EOS, signature.
const field = (type, data) => Buffer.concat([Buffer.from([type, data.length]), data]);
function token(location, caveats = ['{"version": 1, "permissions": "user"}'], sigLen = 32) {
  const parts = [Buffer.from([2])];
  if (location !== undefined) parts.push(field(1, Buffer.from(location)));
  parts.push(field(2, Buffer.from(randomUUID())), Buffer.from([0]));
  for (const c of caveats) parts.push(field(2, Buffer.from(c)), Buffer.from([0]));
  parts.push(Buffer.from([0]), field(6, randomBytes(sigLen)));
  return 'pypi-' + Buffer.concat(parts).toString('base64url');
}

t.test('accepts PyPI and TestPyPI macaroons', async (t) => {
  t.same(v('pypi-AgEIcHlwaS5vcmcCJDQzYjAwMGRmLTViMjQtNDE3NS1hMGYwLWNjMWFhNTgxY2FhNgACOHsidmVyc2lvbiI6MSwicGVybWlzc2lvbnMiOnsicHJvamVjdHMiOlsiYWNtZS00dzdvb3AiXX19AAAGINsgKYyVl9zoZ0XpBYsC9dlzwp9jXUYwK0WqxtGXKZT3'), { valid: true }, 'fixture from detectors/pypi.yaml');
  t.equal(v(token('pypi.org')).valid, true);
  t.equal(v(token('test.pypi.org')).valid, true);
  t.equal(v(token('pypi.org', [])).valid, true, 'no caveats');
  t.ok(token('pypi.org').startsWith('pypi-AgEIcHlwaS5vcmc'), 'prefix is the encoded header');
});

t.test('rejects other locations and broken structures', async (t) => {
  t.equal(v(token('evil.example.org')).valid, false, 'foreign location');
  t.equal(v(token(undefined)).valid, false, 'no location');
  t.equal(v(token('pypi.org', undefined, 16)).valid, false, 'short signature');
  const good = token('pypi.org');
  t.equal(v(good.slice(0, -6)).valid, false, 'truncated');
  t.equal(v('pypi-AgEIcHlwaS5vcmc' + 'A'.repeat(100)).valid, false, 'prefix plus filler');
  t.equal(v('pypi-' + Buffer.from('hello world, not a macaroon at all!!!!!!!!').toString('base64url')).valid, false);
  t.equal(v('npm_abc').valid, false);
});
