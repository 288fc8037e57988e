// npm run bench: engine throughput on a generated 200 MB mixed-text corpus, one worker
// and all workers, with the whole catalogue loaded. Prints a table and writes bench/results.json.
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Scanner } from '../dist/engine/scanner.js';
import { generateFiles } from './corpus-gen.mjs';

const MB = 1024 * 1024;
const size = Number(process.env.BENCH_MB ?? 200) * MB;
const files = [...generateFiles(size)];
const bytes = files.reduce((n, f) => n + f.data.length, 0);

async function run(threads) {
  const scanner = new Scanner({ threads, fingerprintKey: Buffer.alloc(32), minConfidence: 'low' });
  // Warm-up: every worker compiles the catalogue (and JITs the hot path) before the clock starts.
  const warm = files.slice(0, 64).map((f) => ({ data: f.data, origin: { kind: 'file', path: f.path } }));
  await Promise.all(Array.from({ length: Math.max(1, threads) * 2 }, () => scanner.scanAll(warm)));
  const t0 = process.hrtime.bigint();
  let findings = 0;
  for await (const _f of scanner.scan(files.map((f) => ({ data: f.data, origin: { kind: 'file', path: f.path } })))) findings++;
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  await scanner.close();
  return { threads, seconds: +secs.toFixed(3), mbPerSec: +(bytes / MB / secs).toFixed(1), findings, rules: scanner.catalogue.rules.length };
}

const results = [];
results.push(await run(1));
results.push(await run(availableParallelism()));
const rssMb = +(process.resourceUsage().maxRSS / 1024).toFixed(0);
const out = { corpusMB: +(bytes / MB).toFixed(1), files: files.length, peakRssMB: rssMb, results, date: new Date().toISOString() };
console.log(`engine benchmark: ${out.corpusMB} MB in ${out.files} files, ${results[0].rules} rules`);
console.log('threads  seconds  MB/s    findings');
for (const r of results) console.log(`${String(r.threads).padEnd(8)} ${String(r.seconds).padEnd(8)} ${String(r.mbPerSec).padEnd(7)} ${r.findings}`);
console.log(`peak RSS ${rssMb} MB (includes the in-memory corpus)`);
console.log(JSON.stringify(out));
writeFileSync(new URL('./results.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
