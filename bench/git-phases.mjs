// One history scan through the library (no hygiene, no report), timed by phase. Prints one JSON line.
//
//   node bench/git-phases.mjs <repo> <threads> [source|engine]
//
// source (default): the git source as a scan uses it: the streaming scan (walk + cat-file +
//   engine) and `finish` (provenance), timed apart.
// engine: the engine alone on the same blobs, fed as cheaply as git can: one
//   `cat-file --batch-all-objects --batch --unordered` (pack order), text blobs up to the size
//   limit, no walk, no provenance, no per-blob bookkeeping. What `source` takes beyond this is
//   the source and plumbing's overhead over the engine, whatever the engine's own speed.
import { spawn } from 'node:child_process';
import { Scanner } from '../dist/engine/scanner.js';
import { GitSource } from '../dist/sources/git/index.js';
import { parseBatch } from '../dist/sources/git/cat-file.js';
import { isBinary } from '../dist/sources/source.js';

const [repo, threads = '2', mode = 'source'] = process.argv.slice(2);
const MAX = 50 * 1024 * 1024;
const scanner = new Scanner({ threads: Number(threads), fingerprintKey: Buffer.alloc(32, 1) });
const s = (ms) => +(ms / 1000).toFixed(2);
const cpu0 = process.cpuUsage();
const cpuSeconds = () => {
  const u = process.cpuUsage(cpu0);
  return +((u.user + u.system) / 1e6).toFixed(2);
};

if (mode === 'engine') {
  const git = spawn('git', ['--git-dir', repo, 'cat-file', '--batch-all-objects', '--batch', '--unordered'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let blobs = 0;
  let bytes = 0;
  async function* chunks() {
    for await (const r of parseBatch(git.stdout, MAX, ['blob'], isBinary)) {
      if (!('data' in r) || isBinary(r.data)) continue;
      blobs++;
      bytes += r.data.length;
      yield { data: r.data, name: r.id, origin: { kind: 'git', repo, blob: r.id, path: r.id, commits: [] } };
    }
  }
  const t0 = performance.now();
  let findings = 0;
  for await (const _ of scanner.scan(chunks())) findings++;
  const t1 = performance.now();
  await scanner.close();
  console.log(JSON.stringify({ mode, scanSeconds: s(t1 - t0), nodeCpuSeconds: cpuSeconds(), findings, blobs, bytes }));
} else {
  const source = new GitSource(repo, { maxFileSize: MAX });
  const t0 = performance.now();
  const raw = [];
  for await (const f of scanner.scan(source.chunks())) raw.push(f);
  const t1 = performance.now();
  const findings = await source.finish(raw);
  const t2 = performance.now();
  await scanner.close();
  console.log(JSON.stringify({ mode, scanSeconds: s(t1 - t0), provenanceSeconds: s(t2 - t1), nodeCpuSeconds: cpuSeconds(), findings: findings.length, blobs: source.stats.blobsScanned, bytes: source.stats.bytes }));
}
