// Findings in tests, vendored code, docs, examples and generated code: confidence is lowered
// by the engine, and hygiene never raises such a credential above medium nor calls it rotated.
import t from 'tap';
import { analyseCredentials } from '../../dist/hygiene/analyse.js';
import { severityOf } from '../../dist/hygiene/severity.js';
import { finding, commit, git, image, NOW } from './findings.mjs';

const analyse = (fs) => analyseCredentials(fs, { now: NOW });
const byFp = (cs, fp) => cs.find((c) => c.fingerprint === fp);

t.test('stale and shared never lift a fixture above medium', async (t) => {
  const old = commit('2021-01-01T00:00:00Z', 'testdata/keys.go');
  const fs = [
    finding(git('acme/api', 'testdata/keys.go', [old]), { confidence: 'medium', context: 'test' }),
    finding(git('acme/web', 'vendor/x/keys_test_data.go', [old]), { confidence: 'medium', context: 'vendored' }),
  ];
  const [c] = analyse(fs);
  t.same(c.flags, ['stale', 'shared'], 'the facts are still reported');
  t.equal(c.context, 'test', 'the context most findings share (first on a tie)');
  t.equal(c.severity, 'medium');
  t.match(c.reasons.stale, /found only in tests and fixtures, so it does not raise the severity$/);
  t.equal(severityOf('high', ['stale', 'shared'], 'docs'), 'medium', 'capped even when a rule rated it high');
  t.equal(severityOf('medium', ['stale'], 'example'), 'medium');
  t.equal(severityOf('low', ['stale', 'shared'], 'vendored'), 'low');
  t.equal(severityOf('medium', ['stale']), 'high', 'ordinary files: stale still raises');
});

t.test('one finding in ordinary code makes it a real credential again', async (t) => {
  const old = commit('2021-01-01T00:00:00Z', 'deploy/app.env');
  const [c] = analyse([
    finding(git('acme/api', 'test/fixtures/app.env', [old]), { confidence: 'medium', context: 'test' }),
    finding(git('acme/api', 'deploy/app.env', [old])),
  ]);
  t.equal(c.context, undefined);
  t.equal(c.severity, 'critical');
});

t.test('rotated does not fire because a test file swaps one fake for another', async (t) => {
  const c1 = commit('2023-01-01T00:00:00Z', 'testdata/tokens.go');
  const c2 = commit('2024-06-01T00:00:00Z', 'testdata/tokens.go');
  const cs = analyse([
    finding(git('r', 'testdata/tokens.go', [c1], false, 'blob1'), { fingerprint: 'a', confidence: 'medium', context: 'test' }),
    finding(git('r', 'testdata/tokens.go', [c2], true, 'blob2'), { fingerprint: 'b', confidence: 'medium', context: 'test' }),
  ]);
  t.notOk(byFp(cs, 'a').flags.includes('rotated'));
  t.notOk(byFp(cs, 'b').flags.includes('rotated'));
});

t.test('a location holding two values at once is a list, not a slot that rotates', async (t) => {
  const c1 = commit('2024-01-01T00:00:00Z', 'keys.txt');
  const c2 = commit('2024-06-01T00:00:00Z', 'keys.txt');
  const cs = analyse([
    finding(git('r', 'keys.txt', [c1], true, 'blob1'), { fingerprint: 'a' }),
    finding(git('r', 'keys.txt', [c1], true, 'blob1'), { fingerprint: 'b' }),
    finding(git('r', 'keys.txt', [c2], true, 'blob2'), { fingerprint: 'b' }),
    finding(git('r', 'keys.txt', [c2], true, 'blob2'), { fingerprint: 'c' }),
  ]);
  for (const fp of ['a', 'b', 'c']) t.notOk(byFp(cs, fp).flags.includes('rotated'), fp);
});

t.test('an image: installed-package findings are capped, the app layer is not', async (t) => {
  const cs = analyse([
    finding(image('acme/app:1', 'usr/local/lib/python3.11/site-packages/moto/ec2/resources/keys.py', '2021-01-01T00:00:00Z'), { fingerprint: 'pkg', confidence: 'medium', context: 'vendored' }),
    finding(image('acme/app:1', 'app/settings.py', '2021-01-01T00:00:00Z'), { fingerprint: 'app' }),
  ]);
  t.equal(byFp(cs, 'pkg').severity, 'medium');
  t.equal(byFp(cs, 'app').severity, 'critical');
});
