// A file a later layer deletes still ships in its layer to everyone who pulls the image: its
// credential is hidden-layer at full severity, never lowered as history-only (issue 17).
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configFor, dockerArchive, referenceLayers } from '../sources/image/fixtures.mjs';
import { analyseCredentials } from '../../dist/hygiene/analyse.js';
import { finding, image, NOW } from './findings.mjs';

const bin = fileURLToPath(new URL('../../bin/credsweep.js', import.meta.url));

t.test('scan image: a credential only in a deleted file is high and fails the default --fail-on', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'credsweep-hidden-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const layers = await referenceLayers({ zstd: false });
  const archive = join(dir, 'app.tar');
  writeFileSync(archive, await dockerArchive([{ tags: ['example/app:1.0'], config: configFor(layers, { env: false }), layers: layers.slice(0, 2) }]));
  const env = { ...process.env, XDG_CONFIG_HOME: dir, NO_COLOR: '1' };
  const r = spawnSync(process.execPath, [bin, 'scan', 'image', archive, '--format', 'json', '--threads', '0', '--no-progress'], { encoding: 'utf8', env, cwd: dir });
  t.equal(r.status, 1, 'the default --fail-on medium fails');
  const doc = JSON.parse(r.stdout);
  const hidden = doc.credentials.filter((c) => c.findings.every((i) => doc.findings[i].origin.deletedLater));
  t.ok(hidden.length >= 1, 'a credential held only by a deleted file');
  for (const c of hidden) {
    t.ok(c.flags.includes('hidden-layer'));
    t.notOk(c.flags.includes('history-only'), 'not history-only');
    t.equal(c.severity, 'high', 'full severity for a validated token');
    t.equal(c.inHead, true);
    t.equal(c.live, true, 'the old key, kept for one schema version');
  }
});

t.test('hidden layer in an older tag is still history-only (the newer tag no longer ships it)', async (t) => {
  const cs = analyseCredentials(
    [
      finding(image('acme/api:1', 'root/.npmrc', '2025-01-01T00:00:00Z', 3, true, { hiddenBy: 5 }), { fingerprint: 'old' }),
      finding(image('acme/api:2', 'srv/app.env', '2025-05-01T00:00:00Z', 2), { fingerprint: 'new' }),
    ],
    { now: NOW },
  );
  const old = cs.find((c) => c.fingerprint === 'old');
  t.same(old.flags, ['history-only', 'hidden-layer']);
  t.equal(old.severity, 'medium');
});
