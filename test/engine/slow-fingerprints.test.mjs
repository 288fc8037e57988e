// Hits the run drops (below --min-confidence) get no slow (scrypt) fingerprint in the workers,
// and nothing the run reports changes: the reported findings are the same, with the same
// fingerprints, as a subset of a run that keeps everything. Input: a catalogue file, whose
// examples give low-confidence hits on short passwords.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { Scanner } from '../../dist/engine/scanner.js';
import { compileCatalogue } from '../../dist/engine/compile.js';
import { detectBatch } from '../../dist/engine/batch-detect.js';
import { PUBLIC_FINGERPRINT_KEY, fingerprint, isSlowFingerprint } from '../../dist/engine/fingerprint.js';
import { CONFIDENCE_ORDER } from '../../dist/types.js';

const path = 'detectors/credential-files.yaml';
const data = readFileSync(new URL(`../../${path}`, import.meta.url));
const chunk = () => ({ data, name: path, origin: { kind: 'file', path } });
const key = (f) => `${f.ruleId} ${f.line}:${f.column} ${f.fingerprint}`;

t.test('a workers run reports what it reported before, fingerprints included', async (t) => {
  const all = new Scanner({ threads: 1, fingerprintKey: PUBLIC_FINGERPRINT_KEY, minConfidence: 'low' });
  const kept = new Scanner({ threads: 1, fingerprintKey: PUBLIC_FINGERPRINT_KEY, minConfidence: 'medium' });
  const low = await all.scanAll([chunk()]);
  const medium = await kept.scanAll([chunk()]);
  await Promise.all([all.close(), kept.close()]);
  t.ok(low.some((f) => f.confidence === 'low'), 'the input has low-confidence hits');
  t.same(medium.map(key).sort(), low.filter((f) => CONFIDENCE_ORDER[f.confidence] >= CONFIDENCE_ORDER.medium).map(key).sort());
  t.ok(medium.every((f) => /^[0-9a-f]{64}$/.test(f.fingerprint)), 'every reported finding has its fingerprint');
});

t.test('detectBatch leaves out only slow fingerprints of hits below the threshold', (t) => {
  const cat = compileCatalogue(new Scanner({ threads: 0, fingerprintKey: PUBLIC_FINGERPRINT_KEY }).catalogue);
  const buf = new Uint8Array(data).buffer.slice(0);
  const { hits } = detectBatch(cat, { buf, items: [{ start: 0, end: data.length, name: path }] }, PUBLIC_FINGERPRINT_KEY, CONFIDENCE_ORDER.medium);
  let skipped = 0;
  for (const h of hits) {
    const below = CONFIDENCE_ORDER[h.confidence] < CONFIDENCE_ORDER.medium;
    if (below && isSlowFingerprint(PUBLIC_FINGERPRINT_KEY, h.secret)) {
      t.equal(h.fingerprint, '');
      skipped++;
    } else t.equal(h.fingerprint, fingerprint(PUBLIC_FINGERPRINT_KEY, h.secret));
  }
  t.ok(skipped > 0, `${skipped} slow fingerprints left out`);
  t.end();
});
