// One history scan through the library (no hygiene, no report), timed by phase: the streaming
// scan (walk + cat-file + engine) and `finish` (provenance). Prints one JSON line.
// Usage: node bench/git-phases.mjs <repo> <threads>
import { Scanner } from '../dist/engine/scanner.js';
import { GitSource } from '../dist/sources/git/index.js';

const [repo, threads = '2'] = process.argv.slice(2);
const scanner = new Scanner({ threads: Number(threads), fingerprintKey: Buffer.alloc(32, 1) });
const source = new GitSource(repo, { maxFileSize: 50 * 1024 * 1024 });
const t0 = performance.now();
const raw = [];
for await (const f of scanner.scan(source.chunks())) raw.push(f);
const t1 = performance.now();
const findings = await source.finish(raw);
const t2 = performance.now();
await scanner.close();
const s = (ms) => +(ms / 1000).toFixed(2);
console.log(JSON.stringify({ scanSeconds: s(t1 - t0), provenanceSeconds: s(t2 - t1), findings: findings.length, blobs: source.stats.blobs, bytes: source.stats.bytes }));
