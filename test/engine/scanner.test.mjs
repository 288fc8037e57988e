import t from 'tap';
import { Scanner } from '../../dist/engine/scanner.js';
import { fingerprint, preview } from '../../dist/engine/fingerprint.js';
import { checksummedToken } from '../helpers/tokens.mjs';

const key = Buffer.from('k1');
const chunk = (text, path = 'a.txt') => ({ data: Buffer.from(text), origin: { kind: 'file', path } });

t.test('worker pool finds tokens with exact line and column, fingerprinted and redacted', async (t) => {
  const tok = checksummedToken();
  const scanner = new Scanner({ threads: 2, fingerprintKey: key, batchBytes: 64 });
  const chunks = [];
  for (let i = 0; i < 50; i++) chunks.push(chunk(`line one\n  é token: ${tok}\n`, `f${i}.yaml`));
  const findings = await scanner.scanAll(chunks);
  await scanner.close();
  t.equal(findings.length, 50, 'every chunk of every batch scanned');
  const f = findings.find((x) => x.origin.path === 'f7.yaml');
  t.equal(f.ruleId, 'github-pat-classic');
  t.equal(f.line, 2);
  t.equal(f.column, 12, 'column counts characters, not bytes');
  t.equal(f.endColumn, 52);
  t.equal(f.fingerprint, fingerprint(key, tok));
  t.equal(f.preview, preview(tok));
  t.equal(f.confidence, 'high');
  t.ok(f.validated);
  t.equal(f.key, 'token');
  t.notOk('secret' in f, 'no secret without showSecrets');
  t.notOk(JSON.stringify(findings).includes(tok), 'the value is nowhere in the findings');
  t.ok(scanner.stats.batches > 1, 'work was batched');
});

t.test('inline scanner (threads 0) gives the same findings; showSecrets carries the value', async (t) => {
  const tok = checksummedToken('gho_');
  const s = new Scanner({ threads: 0, fingerprintKey: key, showSecrets: true });
  const [f] = await s.scanAll([chunk(`x=${tok}`)]);
  t.equal(f.secret, tok);
  t.equal(f.ruleId, 'github-oauth-token');
});

t.test('fingerprints depend on the key; previews hide short secrets entirely', async (t) => {
  t.not(fingerprint(Buffer.from('a'), 's3cret'), fingerprint(Buffer.from('b'), 's3cret'));
  t.equal(preview('hunter22'), '… (8 chars)');
  const p = preview('ghp_abcdefghijklmnopqrstuvwxyz0123456789');
  t.match(p, /^ghp_…89 \(40 chars\)$/);
});

t.test('inline credsweep:allow suppresses a hit on that line only', async (t) => {
  const tok = checksummedToken();
  const s = new Scanner({ threads: 0, fingerprintKey: key });
  const fs = await s.scanAll([chunk(`a=${tok} # credsweep:allow\nb=${tok}\n`)]);
  t.equal(fs.length, 1);
  t.equal(fs[0].line, 2);
});

t.test('a bad checksum is not a finding', async (t) => {
  const tok = checksummedToken();
  const bad = tok.slice(0, -1) + (tok.endsWith('A') ? 'B' : 'A');
  const s = new Scanner({ threads: 0, fingerprintKey: key });
  t.same(await s.scanAll([chunk(`t=${bad}`)]), []);
});

t.test('base64-encoded tokens are found at the encoded location', async (t) => {
  const tok = checksummedToken();
  const enc = Buffer.from(`GITHUB_TOKEN=${tok}\n`).toString('base64');
  const s = new Scanner({ threads: 0, fingerprintKey: key });
  const fs = await s.scanAll([chunk(`kind: Secret\ndata:\n  env: ${enc}\n`)]);
  t.equal(fs.length, 1);
  t.equal(fs[0].decoded, 'base64');
  t.equal(fs[0].line, 3);
  t.equal(fs[0].column, 8);
  t.equal(fs[0].fingerprint, fingerprint(key, tok));
});
