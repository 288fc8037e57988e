// The release bundle (`npm run build:action`) runs the Action from a checkout with no
// node_modules and no dist/, as a release tag holds it. The bundle is built here for this
// Node (its native addons copied from node_modules, which npm built for it): the same code
// path as the release build for the runner's Node 24, whose addons come from a rebuild.
import t from 'tap';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { parse } from 'yaml';
import { fakePat, tmp, workRepo } from './fixtures.mjs';
import { checkSarif } from '../helpers/sarif.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;

let esbuild = true;
try {
  await import('esbuild');
} catch {
  esbuild = false;
}

/** A checkout of the action as a release tag holds it: the action's files and the bundle, nothing installed. */
async function releaseCheckout(dir) {
  const { buildAction } = await import('../../scripts/build-action.mjs');
  mkdirSync(dir, { recursive: true });
  for (const f of ['action.yml', 'package.json', 'bin']) cpSync(join(ROOT, f), join(dir, f), { recursive: true });
  await buildAction({ out: join(dir, 'action-dist') });
  return dir;
}

/** Runs action.yml's `runs.main` as the runner does (inputs from defaults plus `inputs`). */
function runStep(actionDir, workspace, files, inputs, extraEnv) {
  const action = parse(readFileSync(join(actionDir, 'action.yml'), 'utf8'));
  const env = { ...process.env, ...extraEnv };
  for (const k of Object.keys(env)) if (k.startsWith('INPUT_') || k.startsWith('GITHUB_')) delete env[k];
  for (const [name, spec] of Object.entries(action.inputs)) env[`INPUT_${name.toUpperCase()}`] = String(inputs[name] ?? (name === 'token' ? '' : spec.default ?? ''));
  Object.assign(env, { GITHUB_WORKSPACE: workspace, GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: files.event, GITHUB_OUTPUT: files.output, GITHUB_STEP_SUMMARY: files.summary, GITHUB_REPOSITORY: 'acme/app' });
  writeFileSync(files.output, '');
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [join(actionDir, action.runs.main)], { env, cwd: workspace });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code, stdout, stderr, output: readFileSync(files.output, 'utf8') }));
  });
}

t.test('a release checkout runs the bundled CLI: nothing installed or built, outputs set, no secret in the log', { skip: esbuild ? false : 'esbuild is not installed (devDependency): run npm ci to test the Action bundle' }, async (t) => {
  const root = tmp('credsweep-action-bundle-');
  const actionDir = await releaseCheckout(join(root, 'action'));
  for (const d of ['node_modules', 'dist']) t.notOk(existsSync(join(actionDir, d)), `the checkout has no ${d}/`);
  t.ok(existsSync(join(actionDir, 'action-dist', 'native', 're2.node')));
  t.ok(existsSync(join(actionDir, 'action-dist', 'native', 'better_sqlite3.node')));

  // Over 1 MB in one push, so the scan goes through the worker pool (the bundled worker
  // files), and the token sits in the big file.
  const repo = workRepo(join(root, 'repo'));
  const before = repo.commit({ 'README.md': '# app\n' }, 'init');
  const secret = fakePat();
  const filler = Array.from({ length: 24_000 }, (_, i) => `    "pkg-${i}": { "version": "1.0.${i}", "integrity": "sha512-x${i}" },`).join('\n');
  repo.commit({ 'package-lock.json': `{\n${filler}\n}\n`, 'config/app.env': `DEBUG=1\nGITHUB_TOKEN=${secret}\n` }, 'config');
  const after = repo.commit({ 'src/a.js': 'export const a = 1;\n' }, 'code');
  const files = { output: join(root, 'output'), summary: join(root, 'summary'), event: join(root, 'event.json') };
  writeFileSync(files.summary, '');
  writeFileSync(files.event, JSON.stringify({ ref: 'refs/heads/main', before, after }));

  // npm and npx on PATH fail and say so: the bundle must not need them.
  const shims = join(root, 'shims');
  mkdirSync(shims);
  for (const name of ['npm', 'npx', 'node-gyp']) {
    writeFileSync(join(shims, name), `#!/bin/sh\necho "${name} $*" >> '${join(root, 'shims.log')}'\nexit 127\n`);
    chmodSync(join(shims, name), 0o755);
  }
  const env = { PATH: `${shims}:${process.env.PATH}`, XDG_CONFIG_HOME: join(root, 'config'), npm_config_offline: 'true' };
  const sarif = join(root, 'r.sarif');
  const db = join(root, 'inventory.sqlite');

  const first = await runStep(actionDir, repo.dir, files, { sarif, 'extra-args': `--db ${db}` }, env);
  t.equal(first.code, 1, first.stderr);
  t.match(first.output, /^credentials=1$/m);
  t.match(first.output, /^new=1$/m);
  t.match(first.output, new RegExp(`^sarif=${sarif.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`, 'm'));
  t.match(first.output, /^exit-code=1$/m);
  t.match(first.stdout, /::error file=config\/app\.env,line=2/);
  t.notMatch(first.stdout, /no prebuilt bundle|running from source/, 'the bundle ran, not the build-from-source fallback');
  t.notOk(`${first.stdout}${first.stderr}`.includes(secret), 'no secret value in the log');
  t.notOk(readFileSync(sarif, 'utf8').includes(secret), 'no secret value in the SARIF');
  checkSarif(t, readFileSync(sarif, 'utf8'));
  t.ok(existsSync(db), 'the inventory was written (better-sqlite3 from the bundle)');

  // Same credential again: the inventory (the bundled better-sqlite3 addon) knows it.
  const second = await runStep(actionDir, repo.dir, files, { sarif, 'extra-args': `--db ${db}` }, env);
  t.equal(second.code, 1, second.stderr);
  t.match(second.output, /^credentials=1$/m);
  t.match(second.output, /^new=0$/m);

  t.equal(existsSync(join(root, 'shims.log')) ? readFileSync(join(root, 'shims.log'), 'utf8') : '', '', 'npm, npx and node-gyp were never run');
  for (const d of ['node_modules', 'dist']) t.notOk(existsSync(join(actionDir, d)), `no ${d}/ was made in the checkout`);

  // A bundle for another Node (its addons would not load): the entry says so and falls back
  // to building from source, which here fails on the npm shim (exit 2, reported as such).
  const other = join(root, 'other-abi');
  cpSync(actionDir, other, { recursive: true });
  const build = JSON.parse(readFileSync(join(other, 'action-dist', 'BUILD.json'), 'utf8'));
  writeFileSync(join(other, 'action-dist', 'BUILD.json'), JSON.stringify({ ...build, abi: '1', node: 'v0.0.0' }));
  const mismatched = await runStep(other, repo.dir, files, { sarif }, env);
  t.match(mismatched.stdout, /::warning title=credsweep::the bundled CLI was built for Node v0\.0\.0 .*running from source instead/);
  t.match(readFileSync(join(root, 'shims.log'), 'utf8'), /^npm ci/m, 'fell back to npm ci');
  t.match(mismatched.output, /^exit-code=2$/m);
});
