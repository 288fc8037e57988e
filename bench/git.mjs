// npm run bench:git: history scan against the floor (`git cat-file --batch-all-objects --batch`).
// Builds (once, cached in bench/out/) a deterministic repository of BENCH_COMMITS (20,000)
// commits and about BENCH_MB (320) MB of unique blob content with `git fast-import`, or takes
// BENCH_REPO=path. Reports seconds, ratio to the floor and peak RSS for the native and the
// isomorphic backend (isomorphic is given BENCH_ISO_TIMEOUT seconds, then a sample is timed).
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checksumTail } from '../dist/detectors/validators/base62-crc32.js';

const MB = 1024 * 1024;
const COMMITS = Number(process.env.BENCH_COMMITS ?? 20_000);
const TARGET_MB = Number(process.env.BENCH_MB ?? 320);
const ISO_TIMEOUT = Number(process.env.BENCH_ISO_TIMEOUT ?? 600);
const SAMPLE_AT = Math.floor(COMMITS / 10);
const outDir = fileURLToPath(new URL('./out/', import.meta.url));
const bin = fileURLToPath(new URL('../bin/credsweep.js', import.meta.url));
mkdirSync(outDir, { recursive: true });

/** xorshift32: deterministic and fast. */
function rng(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

const WORDS = 'alpha beta gamma delta value result config handler request response buffer stream parse render update create delete fetch store cache index token user account order item price total count limit offset page query filter map reduce merge split join format encode decode'.split(' ');
const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function fakeToken(seed) {
  const h = createHash('sha256').update(`bench:${seed}`).digest();
  let body = '';
  for (let i = 0; i < 30; i++) body += B62[h[i] % 62];
  return 'ghp_' + body + checksumTail(body);
}

async function buildRepo(dir) {
  rmSync(dir, { recursive: true, force: true });
  execFileSync('git', ['init', '-q', '--bare', dir]);
  const fi = spawn('git', ['--git-dir', dir, 'fast-import', '--quiet', '--done'], { stdio: ['pipe', 'inherit', 'inherit'] });
  const r = rng(42);
  const pool = Array.from({ length: 4096 }, () => {
    const n = 6 + (r() % 8);
    let s = `const ${WORDS[r() % WORDS.length]}_${r() % 1000} = ${WORDS[r() % WORDS.length]}(`;
    for (let i = 0; i < n; i++) s += (i ? ', ' : '') + WORDS[r() % WORDS.length] + (r() % 100);
    return s + ');';
  });
  const perCommit = Math.floor((TARGET_MB * MB) / COMMITS);
  let pending = [];
  let pendingBytes = 0;
  const write = async (s) => {
    pending.push(s);
    pendingBytes += s.length;
    if (pendingBytes > 4 * MB) {
      if (!fi.stdin.write(pending.join(''))) await once(fi.stdin, 'drain');
      pending = [];
      pendingBytes = 0;
    }
  };
  const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  let total = 0;
  for (let c = 1; c <= COMMITS; c++) {
    const ts = 1_500_000_000 + c * 600;
    const who = `Dev ${c % 17} <dev${c % 17}@bench.test> ${ts} +0000`;
    let body = '';
    for (let i = 0; body.length < perCommit; i++) body += `${pool[r() % pool.length]} // ${c}.${i}\n`;
    total += body.length;
    const path = `src/m${c % 40}/f${(c * 7) % 500}.js`;
    let files = `M 100644 inline ${path}\n${data(body)}`;
    if (c % 2000 === 0) {
      const leak = `export const token = '${fakeToken(c)}';\n`;
      total += leak.length;
      files += `M 100644 inline src/leak${c}.js\n${data(leak)}`;
    }
    await write(`commit refs/heads/main\nmark :${c}\nauthor ${who}\ncommitter ${who}\n${data(`commit ${c}`)}${c > 1 ? `from :${c - 1}\n` : ''}${files}`);
    if (c === SAMPLE_AT) await write(`reset refs/tags/bench-sample\nfrom :${c}\n\n`);
    if (c % 5000 === 0) await write(`reset refs/tags/v${c / 5000}\nfrom :${c}\n\n`);
  }
  await write('done\n');
  fi.stdin.end(pending.join(''));
  const [code] = await once(fi, 'close');
  if (code !== 0) throw new Error(`git fast-import failed (${code})`);
  execFileSync('git', ['--git-dir', dir, 'symbolic-ref', 'HEAD', 'refs/heads/main']);
  return total;
}

/** Runs a command under /usr/bin/time -v; returns seconds and peak RSS in MB. */
function timed(cmd, args, { stdoutFile = '/dev/null', timeout } = {}) {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const p = spawn('/usr/bin/time', ['-v', cmd, ...args], { stdio: ['ignore', openSync(stdoutFile, 'w'), 'pipe'] });
    let err = '';
    p.stderr.on('data', (b) => (err += b));
    const timer = timeout ? setTimeout(() => p.kill('SIGKILL'), timeout * 1000) : undefined;
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
      const cpu = ['User', 'System'].reduce((n, k) => n + Number(new RegExp(`${k} time \\(seconds\\): ([\\d.]+)`).exec(err)?.[1] ?? 0), 0);
      resolve({ seconds: +seconds.toFixed(2), cpuSeconds: +cpu.toFixed(2), peakRssMB: rss ? Math.round(Number(rss[1]) / 1024) : undefined, code, timedOut: signal === 'SIGKILL', stderr: err });
    });
  });
}

let repo = process.env.BENCH_REPO;
let uniqueMB;
if (!repo) {
  repo = join(outDir, `git-${COMMITS}c-${TARGET_MB}mb.git`);
  const stamp = join(outDir, `git-${COMMITS}c-${TARGET_MB}mb.json`);
  if (!existsSync(stamp)) {
    const t0 = Date.now();
    const bytes = await buildRepo(repo);
    writeFileSync(stamp, JSON.stringify({ bytes }));
    console.log(`built ${repo} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  uniqueMB = +(JSON.parse(readFileSync(stamp, 'utf8')).bytes / MB).toFixed(1);
}
const commits = Number(execFileSync('git', ['--git-dir', repo, 'rev-list', '--all', '--count'], { encoding: 'utf8' }).trim());
const packMB = +(Number(/size-pack: (\d+)/.exec(execFileSync('git', ['--git-dir', repo, 'count-objects', '-v'], { encoding: 'utf8' }))[1]) / 1024).toFixed(1);

const threads = String(availableParallelism());
const scanArgs = (backend, extra = []) => [bin, 'scan', 'git', repo, '--git-backend', backend, '--format', 'json', '--threads', threads, '--no-progress', '--fail-on', 'none', '--max-file-size', '50MB', ...extra];
const findingsOf = (file) => {
  try {
    const j = JSON.parse(readFileSync(file, 'utf8'));
    return { findings: j.findings.length, bytesScanned: j.stats.bytes, errors: j.errors.length };
  } catch {
    return {};
  }
};

// Warm the page cache so the first measurement is not penalised.
await timed('git', ['--git-dir', repo, 'cat-file', '--batch-all-objects', '--batch']);
const floor = await timed('git', ['--git-dir', repo, 'cat-file', '--batch-all-objects', '--batch']);
// The same bytes in pack order: far kinder to git's delta-base cache than hash order.
const floorUnordered = await timed('git', ['--git-dir', repo, 'cat-file', '--batch-all-objects', '--batch', '--unordered']);
const nativeOut = join(outDir, 'git-native.json');
const native = await timed('node', scanArgs('native'), { stdoutFile: nativeOut });
const isoOut = join(outDir, 'git-isomorphic.json');
let iso = await timed('node', scanArgs('isomorphic'), { stdoutFile: isoOut, timeout: ISO_TIMEOUT });
let isoNote = 'full history';
if (iso.timedOut) {
  const full = iso;
  iso = await timed('node', scanArgs('isomorphic', ['--branch', 'bench-sample']), { stdoutFile: isoOut, timeout: ISO_TIMEOUT });
  const nativeSample = await timed('node', scanArgs('native', ['--branch', 'bench-sample']), { stdoutFile: join(outDir, 'git-native-sample.json') });
  isoNote = `full history did not finish in ${full.seconds} s; timed on the first ${SAMPLE_AT} commits (tag bench-sample): isomorphic ${iso.seconds} s vs native ${nativeSample.seconds} s there, so about ${(iso.seconds / nativeSample.seconds).toFixed(1)}x native`;
}

const row = (name, r, extra = {}) => ({ name, seconds: r.seconds, ratioToFloor: +(r.seconds / floor.seconds).toFixed(2), ratioToUnorderedFloor: +(r.seconds / floorUnordered.seconds).toFixed(2), cpuSeconds: r.cpuSeconds, peakRssMB: r.peakRssMB, exit: r.code, ...extra });
const out = {
  repo: process.env.BENCH_REPO ? repo : 'generated',
  commits,
  uniqueBlobMB: uniqueMB,
  packMB,
  cores: Number(threads),
  loadAverage: (await import('node:os')).loadavg().map((x) => +x.toFixed(1)),
  results: [row('floor: git cat-file --batch-all-objects --batch', floor), row('  same with --unordered (pack order)', floorUnordered), row('credsweep native', native, findingsOf(nativeOut)), row('credsweep isomorphic', iso, { note: isoNote, ...findingsOf(isoOut) })],
  date: new Date().toISOString(),
};
console.log(`git history benchmark: ${commits} commits, ${uniqueMB ?? '?'} MB unique blob content, pack ${packMB} MB, ${threads} cores, load ${out.loadAverage.join(' ')}`);
console.log('what                                               seconds  x floor  x unord. cpu s    peak RSS MB  findings');
for (const r of out.results) console.log(`${r.name.padEnd(50)} ${String(r.seconds).padEnd(8)} ${String(r.ratioToFloor).padEnd(8)} ${String(r.ratioToUnorderedFloor).padEnd(8)} ${String(r.cpuSeconds).padEnd(8)} ${String(r.peakRssMB).padEnd(12)} ${r.findings ?? ''}`);
if (isoNote !== 'full history') console.log(`isomorphic: ${isoNote}`);
console.log(JSON.stringify(out));
writeFileSync(new URL('./results-git.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
