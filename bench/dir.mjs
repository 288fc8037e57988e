// npm run bench:dir: `credsweep scan dir` against secretlint (recommended preset) on the same
// real tree, in one run, plus a read-everything floor. Target (issue 15): 10x secretlint.
//
// The tree is assembled (hard links where possible, else copies) under a temp folder from real
// folders of this machine: by default /usr/lib/python3, this project's node_modules and, when
// present, a YAML-heavy folder of the Google Cloud SDK. BENCH_TREE=path takes any tree as it
// is instead (e.g. a checkout). secretlint never looks inside folders named node_modules, so
// the assembled tree renames them `nm`; with BENCH_TREE, they are not scanned by either tool
// only if the tree has none.
//
// secretlint is installed with npm under the temp folder (not a project dependency). When
// the registry cannot be reached the bench reports credsweep against the floor only.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordResult } from './record.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', 'bin', 'credsweep.js');
const DEFAULT_SOURCES = ['/usr/lib/python3', join(here, '..', 'node_modules'), '/usr/lib/google-cloud-sdk/lib/googlecloudsdk/command_lib'];
const SECRETLINT = ['secretlint@13', '@secretlint/secretlint-rule-preset-recommend@13'];
const REPEAT = Number(process.env.BENCH_REPEAT ?? 1);

const work = mkdtempSync(join(tmpdir(), 'credsweep-bench-dir-'));
const cleanup = () => rmSync(work, { recursive: true, force: true });
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

function assembleTree() {
  if (process.env.BENCH_TREE) return process.env.BENCH_TREE;
  const tree = join(work, 'tree');
  mkdirSync(tree);
  for (const src of DEFAULT_SOURCES) {
    if (!existsSync(src)) continue;
    const dest = join(tree, src.replace(/^\/+/, '').replace(/[/.]+/g, '-'));
    // Hard links when on one filesystem: seconds, no space; else a real copy.
    const linked = spawnSync('cp', ['-al', src + '/', dest]).status === 0;
    if (!linked) execFileSync('cp', ['-r', src + '/', dest]);
  }
  renameNodeModules(tree);
  return tree;
}

function renameNodeModules(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    let p = join(dir, e.name);
    if (e.name === 'node_modules') {
      renameSync(p, join(dir, 'nm'));
      p = join(dir, 'nm');
    }
    renameNodeModules(p);
  }
}

function treeStats(dir) {
  let files = 0;
  let bytes = 0;
  let yaml = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        files++;
        const s = statSync(p).size;
        bytes += s;
        if (/\.ya?ml$/i.test(e.name)) yaml += s;
      }
    }
  };
  walk(dir);
  return { files, bytes, yaml };
}

function installSecretlint() {
  const dir = join(work, 'secretlint');
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), '{"private":true}');
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--silent', ...SECRETLINT], { cwd: dir, encoding: 'utf8', timeout: 600_000 });
  const cli = join(dir, 'node_modules', '.bin', 'secretlint');
  if (r.status !== 0 || !existsSync(cli)) {
    console.error(`secretlint not installed (npm: ${(r.stderr || r.error?.message || '').trim().split('\n').pop()}); reporting credsweep against the floor only`);
    return undefined;
  }
  return cli;
}

/**
 * Wall time, CPU time (user + system, all threads and children) and peak RSS of a command,
 * from GNU time when present. On a shared machine CPU seconds are the steadier figure.
 */
function timed(cmd, args, opts = {}) {
  const t0 = process.hrtime.bigint();
  const useTime = existsSync('/usr/bin/time');
  const r = useTime
    ? spawnSync('/usr/bin/time', ['-f', '%U %S %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 26, ...opts })
    : spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26, ...opts });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const [user, sys, rssKB] = useTime ? r.stderr.trim().split('\n').pop().split(' ').map(Number) : [NaN, NaN, NaN];
  return { seconds, cpu: user + sys, rssMB: rssKB / 1024, status: r.status, stderr: r.stderr };
}

function best(runs) {
  return runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
}

// The floor: read every regular file once, the way a scanner must (a child process, as the others).
const FLOOR = `
const { readdirSync, readFileSync } = require('node:fs'); const { join } = require('node:path');
let n = 0; const walk = (d) => { for (const e of readdirSync(d, { withFileTypes: true })) { const p = join(d, e.name);
  if (e.isDirectory()) walk(p); else if (e.isFile()) n += readFileSync(p).length; } };
walk(process.argv[1]); console.log(n);`;

const tree = assembleTree();
const stats = treeStats(tree);
console.error(`tree ${tree}: ${stats.files} files, ${(stats.bytes / 2 ** 20).toFixed(1)} MB (${(stats.yaml / 2 ** 20).toFixed(1)} MB YAML)`);
const secretlint = installSecretlint();

const loadBefore = loadavg()[0];
const floor = best(Array.from({ length: REPEAT }, () => timed(process.execPath, ['-e', FLOOR, tree])));
const report = join(work, 'credsweep.json');
const cs = best(
  Array.from({ length: REPEAT }, () => {
    const r = timed(process.execPath, [bin, 'scan', 'dir', tree, '-f', 'json', '-o', report, '--no-progress', '--fail-on', 'none']);
    if (r.status !== 0) throw new Error(`credsweep failed (${r.status}): ${r.stderr}`);
    return r;
  }),
);
const csReport = JSON.parse(readFileSync(report, 'utf8'));
let sl;
if (secretlint) {
  const out = join(work, 'secretlint.json');
  sl = best(
    Array.from({ length: REPEAT }, () => {
      const r = timed(secretlint, ['**/*', '--secretlintrcJSON', JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }), '--format', 'json', '--output', out, '--no-color'], { cwd: tree });
      if (r.status !== 0) throw new Error(`secretlint failed (${r.status}): ${r.stderr.slice(0, 2000)}`);
      return r;
    }),
  );
  const messages = JSON.parse(readFileSync(out, 'utf8')).reduce((n, f) => n + (f.messages?.length ?? 0), 0);
  sl.findings = messages;
}

const mb = stats.bytes / 2 ** 20;
const result = {
  tree: process.env.BENCH_TREE ? tree : DEFAULT_SOURCES.filter(existsSync).join(' + '),
  files: stats.files,
  treeMB: +mb.toFixed(1),
  yamlMB: +(stats.yaml / 2 ** 20).toFixed(1),
  threads: availableParallelism(),
  floorSeconds: +floor.seconds.toFixed(2),
  credsweepSeconds: +cs.seconds.toFixed(2),
  credsweepCpuSeconds: +cs.cpu.toFixed(2),
  credsweepMBps: +(mb / cs.seconds).toFixed(1),
  credsweepRssMB: +cs.rssMB.toFixed(0),
  credsweepFindings: csReport.findings.length,
  credsweepTimesFloor: +(cs.seconds / floor.seconds).toFixed(2),
  ...(sl
    ? {
        secretlintSeconds: +sl.seconds.toFixed(2),
        secretlintCpuSeconds: +sl.cpu.toFixed(2),
        secretlintRssMB: +sl.rssMB.toFixed(0),
        secretlintFindings: sl.findings,
        timesFasterThanSecretlint: +(sl.seconds / cs.seconds).toFixed(2),
        cpuTimesLessThanSecretlint: +(sl.cpu / cs.cpu).toFixed(2),
      }
    : {}),
};
console.table(Object.entries(result).map(([figure, value]) => ({ figure, value })));
console.log(JSON.stringify(result));
if (sl) console.log(`target: 10x secretlint (${result.timesFasterThanSecretlint >= 10 ? 'met' : 'missed'}: ${result.timesFasterThanSecretlint}x wall, ${result.cpuTimesLessThanSecretlint}x CPU)`);
recordResult('dir', {
  summary: sl
    ? `${result.timesFasterThanSecretlint}x secretlint's wall time, ${result.cpuTimesLessThanSecretlint}x less CPU (credsweep ${result.credsweepSeconds} s, ${result.credsweepCpuSeconds} CPU-s, ${result.credsweepRssMB} MB RSS; secretlint ${result.secretlintSeconds} s, ${result.secretlintCpuSeconds} CPU-s, ${result.secretlintRssMB} MB) on ${result.files} files, ${result.treeMB} MB; ${result.credsweepTimesFloor}x the read-every-file floor (${result.floorSeconds} s)${REPEAT > 1 ? `; best of ${REPEAT}` : ''}`
    : `secretlint could not be installed: ${result.credsweepTimesFloor}x the read-every-file floor only (credsweep ${result.credsweepSeconds} s, floor ${result.floorSeconds} s)`,
  target: '10x secretlint\'s speed on the same tree',
  met: !!sl && result.timesFasterThanSecretlint >= 10,
  loadBefore,
  ...result,
});
