// End to end: the real CLI on an image archive, JSON report, exit codes, no secret printed.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { SECRETS, configFor, dockerArchive, referenceLayers, sha, tarOf } from './fixtures.mjs';

const bin = fileURLToPath(new URL('../../../bin/credsweep.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'credsweep-image-cli-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const env = { ...process.env, CREDSWEEP_FINGERPRINT_KEY: 'cli-test-fingerprint-key', XDG_CONFIG_HOME: dir, NO_COLOR: '1' };
const cli = (...args) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env, cwd: dir });

const layers = await referenceLayers({ zstd: false });
const good = join(dir, 'app.tar');
writeFileSync(good, await dockerArchive([{ tags: ['example/app:1.0'], config: configFor(layers), layers }]));

t.test('--format json', async (t) => {
  const r = cli('scan', 'image', good, '--format', 'json', '--threads', '1', '--no-progress');
  t.equal(r.status, 1, 'findings: exit 1');
  const doc = JSON.parse(r.stdout);
  t.equal(doc.target.kind, 'image');
  const hidden = doc.findings.find((f) => f.origin.kind === 'image' && f.origin.path === 'app/.env');
  t.match(hidden.origin, { image: 'example/app:1.0', deletedLater: true, hiddenBy: 1, layer: { index: 0, diffId: layers[0].diffId, created: '2024-01-01T00:00:00Z' } });
  t.ok(doc.findings.some((f) => f.origin.kind === 'image-config' && f.origin.field === 'Env.GITHUB_TOKEN'));
  for (const s of Object.values(SECRETS)) t.notOk(r.stdout.includes(s) || r.stderr.includes(s), 'no secret printed');
});

t.test('text report and a corrupt layer: exit 3, the rest reported', async (t) => {
  const bad = { raw: Buffer.alloc(0), blob: gzipSync(Buffer.from('x')).subarray(0, 10), diffId: sha('x'), compression: 'gzip' };
  const p = join(dir, 'partial.tar.gz');
  const ls = [layers[0], bad, layers[2]];
  writeFileSync(p, gzipSync(await dockerArchive([{ tags: ['example/partial:1'], config: configFor(ls), layers: ls }])));
  const r = cli('scan', 'image', p, '--threads', '0', '--no-progress');
  t.equal(r.status, 3);
  t.match(r.stdout, /example\/partial:1 layer 1/);
  t.match(r.stdout, /srv\/live\.conf/);
  for (const s of Object.values(SECRETS)) t.notOk(r.stdout.includes(s) || r.stderr.includes(s), 'no secret printed');
});

t.test('not an image: exit 2 with a clear message', async (t) => {
  const p = join(dir, 'plain.tar');
  writeFileSync(p, await tarOf([{ name: 'x', data: 'y' }]));
  const r = cli('scan', 'image', p, '--no-progress');
  t.equal(r.status, 2);
  t.match(r.stderr, /cannot read image .*plain\.tar/);
});
