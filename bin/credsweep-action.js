#!/usr/bin/env node
// The GitHub Action's entry (action.yml `runs.main`), run by the runner's own Node 24: reads
// the inputs the runner passes as INPUT_* variables, turns them into `credsweep action`
// arguments and runs the CLI. A release tag ships action-dist/ (`npm run build:action`: the
// CLI bundled into one file, its data and prebuilt native addons for Node 24), so nothing is
// installed, compiled or downloaded here; a branch ref without it builds once, saying so.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const input = (name, fallback = '') => (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim() || fallback;
const bool = (name) => /^(true|yes|1)$/i.test(input(name));

/** Splits `extra-args` like a shell would for words and quotes (no expansion of anything). */
export function splitArgs(s) {
  const out = [];
  let cur = '';
  let quote = '';
  let has = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quote) {
      if (ch === quote) quote = '';
      else if (ch === '\\' && quote === '"' && i + 1 < s.length) cur += s[++i];
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (/\s/.test(ch)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else if (ch === '\\' && i + 1 < s.length) {
      cur += s[++i];
      has = true;
    } else {
      cur += ch;
      has = true;
    }
  }
  if (quote) throw new Error(`extra-args: unclosed ${quote}`);
  if (has || cur) out.push(cur);
  return out;
}

/** The `credsweep action` arguments for the inputs. */
export function actionArgs() {
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  const args = ['action', '--mode', input('mode', 'auto'), '--fail-on', input('fail-on', 'medium'), '--sarif', input('sarif', 'credsweep.sarif')];
  args.push('--path', resolve(workspace, input('path', '.')), '--no-progress');
  args.push('--min-confidence', input('min-confidence', 'medium'));
  for (const glob of input('exclude').split(/[\n,]/).map((g) => g.trim()).filter(Boolean)) args.push('--exclude', glob);
  if (bool('open-issues')) args.push('--open-issues');
  if (input('max-age')) args.push('--max-age', input('max-age'));
  if (input('config')) args.push('--config', input('config'));
  args.push(...splitArgs(input('extra-args')));
  return args;
}

function cli() {
  const wanted = input('version');
  const shipped = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  if (wanted && wanted !== shipped && wanted !== `v${shipped}`) {
    // Another release than this action's: npm installs it (network needed, as for any npx).
    return { cmd: 'npx', args: ['--yes', `credsweep@${wanted.replace(/^v/, '')}`] };
  }
  const bundled = bundle();
  if (bundled) return { cmd: process.execPath, args: [bundled] };
  if (!existsSync(join(root, 'dist', 'cli.js')) || !existsSync(join(root, 'node_modules'))) {
    process.stdout.write('::notice title=credsweep::this ref of the action has no prebuilt bundle (action-dist/, which release tags ship): installing and building once\n');
    for (const [cmd, a] of [['npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']], ['npx', ['tsc', '-p', 'tsconfig.json']]]) {
      const r = spawnSync(cmd, a, { cwd: root, stdio: 'inherit' });
      if (r.status !== 0) throw new Error(`${cmd} ${a.join(' ')} failed in ${root}`);
    }
    // npm built the native modules (re2, better-sqlite3) for the Node on PATH, which need not
    // be the runner's Node 24 that runs this file: run the CLI with that same Node.
    return { cmd: 'node', args: [join(root, 'bin', 'credsweep.js')] };
  }
  return { cmd: process.execPath, args: [join(root, 'bin', 'credsweep.js')] };
}

/**
 * The release bundle's CLI when this checkout has one built for this Node's ABI (its native
 * addons load in no other); else undefined, and the caller falls back to dist/.
 */
function bundle() {
  const dir = join(root, 'action-dist');
  let build;
  try {
    build = JSON.parse(readFileSync(join(dir, 'BUILD.json'), 'utf8'));
  } catch {
    return undefined;
  }
  if (build.abi !== process.versions.modules || build.platform !== process.platform || build.arch !== process.arch) {
    process.stdout.write(`::warning title=credsweep::the bundled CLI was built for Node ${build.node} (${build.platform}-${build.arch}), this runner runs ${process.version} (${process.platform}-${process.arch}): running from source instead\n`);
    return undefined;
  }
  return join(dir, 'bin', 'credsweep.js');
}

function setOutputOnce(name, value) {
  const file = process.env.GITHUB_OUTPUT;
  if (!file) return;
  const have = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (!new RegExp(`^${name}=`, 'm').test(have)) appendFileSync(file, `${name}=${value}\n`);
}

function main() {
  const env = { ...process.env };
  const key = input('fingerprint-key');
  if (key) {
    // Same key across runs and shards: fingerprints stay comparable. Masked in the log.
    process.stdout.write(`::add-mask::${key}\n`);
    env.CREDSWEEP_FINGERPRINT_KEY = key;
  }
  if (input('token')) env.GITHUB_TOKEN = input('token');
  let code;
  try {
    const { cmd, args } = cli();
    const r = spawnSync(cmd, [...args, ...actionArgs()], { stdio: 'inherit', env });
    code = r.status ?? 2;
  } catch (e) {
    process.stdout.write(`::error title=credsweep::${String(e.message).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`);
    code = 2;
  }
  // A usage error ends the run before the scan could report its own exit code.
  setOutputOnce('exit-code', String(code));
  process.exitCode = code;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
