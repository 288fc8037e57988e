// The Action bundle ships its catalogue validated beside detectors/ (catalogue-cache/): the
// loader takes it when the user's cache is empty, and only for exactly those rule files.
import t from 'tap';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalogue } from '../../dist/detectors/catalogue.js';

const DETECTORS = new URL('../../detectors/', import.meta.url).pathname;

t.test('a shipped validated catalogue is used on a cold cache, and ignored once the rules differ', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'credsweep-shipped-cache-'));
  const dir = join(root, 'detectors');
  mkdirSync(dir);
  copyFileSync(join(DETECTORS, 'github.yaml'), join(dir, 'github.yaml'));
  const saved = process.env.XDG_CONFIG_HOME;
  t.teardown(() => (saved === undefined ? delete process.env.XDG_CONFIG_HOME : (process.env.XDG_CONFIG_HOME = saved)));

  // What the bundle build does: validate once, ship the cache file beside detectors/.
  process.env.XDG_CONFIG_HOME = join(root, 'build-home');
  const fresh = loadCatalogue(dir);
  const made = readdirSync(join(root, 'build-home', 'credsweep', 'cache'));
  t.equal(made.length, 1);
  mkdirSync(join(root, 'catalogue-cache'));
  const shipped = join(root, 'catalogue-cache', made[0]);
  renameSync(join(root, 'build-home', 'credsweep', 'cache', made[0]), shipped);
  // Marked, to tell it from a re-validation.
  const doc = JSON.parse(readFileSync(shipped, 'utf8'));
  doc.rules[0].name = 'from the shipped cache';
  writeFileSync(shipped, JSON.stringify(doc));

  process.env.XDG_CONFIG_HOME = join(root, 'runner-home');
  const cold = loadCatalogue(dir);
  t.equal(cold.hash, fresh.hash);
  t.equal(cold.rules[0].name, 'from the shipped cache', 'the shipped catalogue was read, not re-validated');

  // Another rule set (a changed file): the shipped one does not match and is not used.
  writeFileSync(join(dir, 'github.yaml'), `${readFileSync(join(dir, 'github.yaml'), 'utf8')}\n# changed\n`);
  const changed = loadCatalogue(dir);
  t.not(changed.hash, fresh.hash);
  t.not(changed.rules[0].name, 'from the shipped cache');
});
