// End to end over a real git repository and a real image archive: fixtures, vendored code
// and installed packages stay at medium or below however old, and swapping one test
// token for another is no rotation; the application's own files keep their severity.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { seededToken } from '../helpers/tokens.mjs';
import { dockerArchive, sha, tarOf } from '../sources/image/fixtures.mjs';
import { GitSource } from '../../dist/sources/git/index.js';
import { ImageSource } from '../../dist/sources/image/index.js';
import { Scanner } from '../../dist/engine/scanner.js';
import { scanSource } from '../../dist/app/scan-source.js';
import { analyseCredentials } from '../../dist/hygiene/analyse.js';

const root = mkdtempSync(join(tmpdir(), 'credsweep-context-'));
t.teardown(() => rmSync(root, { recursive: true, force: true }));
const T = Object.fromEntries(['a', 'b', 'c', 'app', 'vendored', 'pkg', 'image-app'].map((k) => [k, seededToken(`context-e2e-${k}`)]));

async function analyse(source) {
  const scanner = new Scanner({ fingerprintKey: Buffer.alloc(32), threads: 0 });
  const r = await scanSource(source, scanner);
  await scanner.close();
  t.same(r.errors, []);
  return analyseCredentials(r.findings, { now: new Date('2025-06-01T00:00:00Z') });
}
const byToken = (creds, token) => creds.find((c) => c.preview.startsWith(token.slice(0, 4)) && c.preview.includes(token.slice(-2)));

t.test('git history: test and vendored tokens capped at medium, never rotated', async (t) => {
  const repo = join(root, 'repo');
  mkdirSync(repo);
  const git = (args, date) =>
    execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', '-c', 'user.name=Dev', '-c', 'user.email=dev@example.test', ...args], {
      cwd: repo,
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: repo, ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const write = (p, text) => {
    mkdirSync(dirname(join(repo, p)), { recursive: true });
    writeFileSync(join(repo, p), text);
  };
  git(['init', '-q']);
  write('internal/auth/testdata/tokens.go', `package testdata\n\nconst Token = "${T.a}"\n`);
  write('vendor/github.com/acme/sdk/client_test_data.go', `package sdk\n\nvar token = "${T.vendored}"\n`);
  write('deploy/app.env', `GITHUB_TOKEN=${T.app}\n`);
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'first'], '2022-01-10T10:00:00Z');
  write('internal/auth/testdata/tokens.go', `package testdata\n\nconst Token = "${T.b}"\n`);
  git(['commit', '-qam', 'new fixture'], '2023-03-01T10:00:00Z');
  write('internal/auth/testdata/tokens.go', `package testdata\n\nconst Token = "${T.c}"\n`);
  git(['commit', '-qam', 'another fixture'], '2024-05-01T10:00:00Z');
  const creds = await analyse(new GitSource(repo, { maxFileSize: 1 << 20, repoName: 'acme/api' }));
  for (const k of ['a', 'b', 'c']) {
    const c = byToken(creds, T[k]);
    t.equal(c.context, 'test', `${k}: test context`);
    t.equal(c.severity, k === 'c' ? 'medium' : 'low', `${k}: ${k === 'c' ? 'live: medium' : 'history-only: low'}`);
    t.notOk(c.flags.includes('rotated'), `${k}: not rotated`);
  }
  const v = byToken(creds, T.vendored);
  t.equal(v.context, 'vendored');
  t.same(v.flags, ['stale']);
  t.equal(v.severity, 'medium', 'stale does not lift vendored test data');
  const app = byToken(creds, T.app);
  t.equal(app.context, undefined);
  t.equal(app.severity, 'critical', 'the application file keeps its severity');
});

t.test('image: installed packages are vendored, the app layer is not', async (t) => {
  const layer = await tarOf([
    { name: 'usr/local/lib/python3.11/site-packages/sdk/mocks.py', data: `TOKEN = "${T.pkg}"\n` },
    { name: 'app/config.env', data: `GITHUB_TOKEN=${T['image-app']}\n` },
  ]);
  const layers = [{ raw: layer, blob: layer, diffId: sha(layer) }];
  const config = Buffer.from(JSON.stringify({ os: 'linux', architecture: 'amd64', rootfs: { type: 'layers', diff_ids: [sha(layer)] }, history: [{ created: '2021-01-01T00:00:00Z', created_by: 'COPY . /' }] }));
  const file = join(root, 'image.tar');
  writeFileSync(file, await dockerArchive([{ config, layers, tags: ['acme/app:1'] }]));
  const creds = await analyse(new ImageSource(file, { maxFileSize: 1 << 20, maxDecompressed: 1 << 30 }));
  const pkg = byToken(creds, T.pkg);
  t.equal(pkg.context, 'vendored');
  t.equal(pkg.severity, 'medium');
  t.equal(byToken(creds, T['image-app']).severity, 'critical');

  // The same bytes copied out of the package into the app: scanned once, reported at both,
  // each place with its own context.
  const copy = await tarOf([
    { name: 'usr/local/lib/python3.11/site-packages/sdk/mocks.py', data: `TOKEN = "${T.pkg}"\n` },
    { name: 'srv/app/mocks.py', data: `TOKEN = "${T.pkg}"\n` },
  ]);
  const cfg2 = Buffer.from(JSON.stringify({ os: 'linux', architecture: 'amd64', rootfs: { type: 'layers', diff_ids: [sha(copy)] }, history: [{ created: '2021-01-01T00:00:00Z', created_by: 'COPY . /' }] }));
  const file2 = join(root, 'image2.tar');
  writeFileSync(file2, await dockerArchive([{ config: cfg2, layers: [{ raw: copy, blob: copy, diffId: sha(copy) }], tags: ['acme/app:2'] }]));
  const both = byToken(await analyse(new ImageSource(file2, { maxFileSize: 1 << 20, maxDecompressed: 1 << 30 })), T.pkg);
  const at = Object.fromEntries(both.findings.map((f) => [f.origin.path, [f.context, f.confidence]]));
  t.same(at, { 'usr/local/lib/python3.11/site-packages/sdk/mocks.py': ['vendored', 'medium'], 'srv/app/mocks.py': [undefined, 'high'] });
  t.equal(both.context, undefined);
  t.equal(both.severity, 'critical', 'an app copy makes it the app\'s credential');
});
