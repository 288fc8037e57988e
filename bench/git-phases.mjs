// One history scan through the library (no hygiene, no report), timed by phase. Prints one JSON line.
//
//   node bench/git-phases.mjs <repo> <threads> [source|engine]
//
// source (default): the git source as a scan uses it: the streaming scan (walk + cat-file +
//   engine) and `finish` (provenance), timed apart.
// engine: the engine alone on the same blobs, fed as cheaply as git can: one
//   `cat-file --batch-all-objects --batch --unordered` (pack order), text blobs up to the size
//   limit, no walk, no provenance, no per-blob bookkeeping. Each blob is named by a path that
//   holds it (from `rev-list --all --objects`, listed before the clock starts), so path- and
//   format-bound rules run as in a scan. What `source` takes beyond this is the source and
//   plumbing's overhead over the engine, whatever the engine's own speed.
// Both also give each thread's CPU seconds (Linux /proc): the main thread, the two busiest
// others (the workers, with --threads 2) and the rest (V8 and libuv helpers).
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { Scanner } from '../dist/engine/scanner.js';
import { loadFingerprintKey } from '../dist/engine/fingerprint.js';
import { GitSource } from '../dist/sources/git/index.js';
import { parseBatch } from '../dist/sources/git/cat-file.js';
import { isBinary } from '../dist/sources/source.js';

const [repo, threads = '2', mode = 'source'] = process.argv.slice(2);
const MAX = 50 * 1024 * 1024;
// The CLI's key (the public derivation unless CREDSWEEP_FINGERPRINT_KEY is set), so fingerprints cost what they cost in a scan.
const scanner = new Scanner({ threads: Number(threads), fingerprintKey: loadFingerprintKey() });
const s = (ms) => +(ms / 1000).toFixed(2);
const cpu0 = process.cpuUsage();
const cpuSeconds = () => {
  const u = process.cpuUsage(cpu0);
  return +((u.user + u.system) / 1e6).toFixed(2);
};

/** CPU seconds of each thread of this process, main thread first (Linux only; else empty). */
function threadCpu() {
  try {
    const tick = 100; // USER_HZ
    const rows = readdirSync('/proc/self/task').map((tid) => {
      const st = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
      return { tid: Number(tid), cpu: (Number(f[11]) + Number(f[12])) / tick };
    });
    const main = rows.find((r) => r.tid === process.pid)?.cpu ?? 0;
    const others = rows.filter((r) => r.tid !== process.pid).map((r) => r.cpu).sort((a, b) => b - a);
    const workers = others.slice(0, Math.max(0, Number(threads)));
    const r2 = (x) => +x.toFixed(2);
    return { main: r2(main), workers: workers.map(r2), rest: r2(others.slice(workers.length).reduce((a, b) => a + b, 0)) };
  } catch {
    return {};
  }
}

if (mode === 'engine') {
  const names = new Map();
  for (const line of execFileSync('git', ['--git-dir', repo, 'rev-list', '--all', '--objects'], { encoding: 'utf8', maxBuffer: 1 << 30 }).split('\n')) {
    const sp = line.indexOf(' ');
    if (sp > 0) names.set(line.slice(0, sp), line.slice(sp + 1));
  }
  const cpuBefore = process.cpuUsage();
  const git = spawn('git', ['--git-dir', repo, 'cat-file', '--batch-all-objects', '--batch', '--unordered'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let blobs = 0;
  let bytes = 0;
  async function* chunks() {
    for await (const r of parseBatch(git.stdout, MAX, ['blob'], isBinary)) {
      if (!('data' in r) || isBinary(r.data)) continue;
      blobs++;
      bytes += r.data.length;
      const path = names.get(r.id) ?? r.id;
      yield { data: r.data, name: path, origin: { kind: 'git', repo, blob: r.id, path, commits: [] } };
    }
  }
  const t0 = performance.now();
  let findings = 0;
  for await (const _ of scanner.scan(chunks())) findings++;
  const t1 = performance.now();
  const threadsCpu = threadCpu();
  await scanner.close();
  const u = process.cpuUsage(cpuBefore);
  console.log(JSON.stringify({ mode, scanSeconds: s(t1 - t0), nodeCpuSeconds: +((u.user + u.system) / 1e6).toFixed(2), threadsCpu, findings, blobs, bytes }));
} else {
  const source = new GitSource(repo, { maxFileSize: MAX });
  const t0 = performance.now();
  const raw = [];
  for await (const f of scanner.scan(source.chunks())) raw.push(f);
  const t1 = performance.now();
  const findings = await source.finish(raw);
  const t2 = performance.now();
  const threadsCpu = threadCpu();
  await scanner.close();
  console.log(JSON.stringify({ mode, scanSeconds: s(t1 - t0), provenanceSeconds: s(t2 - t1), nodeCpuSeconds: cpuSeconds(), threadsCpu, findings: findings.length, blobs: source.stats.blobsScanned, bytes: source.stats.bytes }));
}
