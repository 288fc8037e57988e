// Precision benchmark: scans the project's own node_modules (a large real tree that nobody
// planted secrets in) and reports how many findings the catalogue produces per 100 MB.
// Every finding here is, to a first approximation, a false positive. Never prints secrets:
// only rule ids, paths and redacted previews.
//
//   npm run bench:precision            (builds first)
//   node bench/precision.mjs [root] [--top N] [--rule ID]
import { lstatSync, openSync, readSync, closeSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Scanner } from '../dist/engine/scanner.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name, dflt) => {
  const i = args.indexOf(name);
  if (i < 0) return dflt;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const top = Number(flag('--top', 25));
const onlyRule = flag('--rule', undefined);
const threadsArg = flag('--threads', undefined);
const root = args[0] ?? join(here, '..', 'node_modules');
const MAX = 10 * 1024 * 1024;

function* walk(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile()) yield p;
  }
}

const probe = Buffer.alloc(8192);
function isBinary(path) {
  const fd = openSync(path, 'r');
  try {
    const n = readSync(fd, probe, 0, probe.length, 0);
    return probe.subarray(0, n).includes(0);
  } finally {
    closeSync(fd);
  }
}

let files = 0;
let skippedBinary = 0;
let skippedLarge = 0;
function* chunks() {
  for (const p of walk(root)) {
    let st;
    try {
      st = lstatSync(p);
    } catch {
      continue;
    }
    if (!st.isFile()) continue;
    if (st.size > MAX) {
      skippedLarge++;
      continue;
    }
    if (st.size === 0) continue;
    if (isBinary(p)) {
      skippedBinary++;
      continue;
    }
    files++;
    yield { data: readFileSync(p), origin: { kind: 'file', path: relative(root, p).split('\\').join('/') } };
  }
}

const scanner = new Scanner({
  fingerprintKey: Buffer.alloc(32),
  minConfidence: 'low',
  ...(threadsArg !== undefined ? { threads: Number(threadsArg) } : {}),
});
const t0 = process.hrtime.bigint();
const findings = [];
for await (const f of scanner.scan(chunks())) {
  if (onlyRule && f.ruleId !== onlyRule) continue;
  findings.push(f);
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
await scanner.close();

const mb = scanner.stats.bytes / (1024 * 1024);
const per100 = (n) => (mb > 0 ? (n * 100) / mb : 0);
const shown = findings.filter((f) => f.confidence !== 'low');
const count = (list, key) => {
  const m = new Map();
  for (const f of list) m.set(key(f), (m.get(key(f)) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1]);
};
const byConfidence = Object.fromEntries(count(findings, (f) => f.confidence));
const topRules = count(shown, (f) => f.ruleId).slice(0, top);
const topRulesLow = count(findings.filter((f) => f.confidence === 'low'), (f) => f.ruleId).slice(0, top);
const topFiles = count(shown, (f) => f.origin.path).slice(0, top);
const samples = shown.slice(0, 200).map((f) => ({ ruleId: f.ruleId, file: f.origin.path, line: f.line, confidence: f.confidence, key: f.key, preview: f.preview, decoded: f.decoded }));

const result = {
  root: relative(join(here, '..'), root) || root,
  date: new Date().toISOString(),
  rules: scanner.catalogue.rules.length,
  ruleFiles: [...new Set(scanner.catalogue.rules.map((r) => r.file))].sort(),
  threads: scanner.threads,
  files,
  skippedBinary,
  skippedLarge,
  mbScanned: Number(mb.toFixed(1)),
  seconds: Number(seconds.toFixed(2)),
  mbPerSecond: Number((mb / seconds).toFixed(1)),
  findings: shown.length,
  findingsPer100MB: Number(per100(shown.length).toFixed(2)),
  findingsIncludingLow: findings.length,
  findingsIncludingLowPer100MB: Number(per100(findings.length).toFixed(2)),
  byConfidence,
  topRules: topRules.map(([ruleId, n]) => ({ ruleId, n })),
  topRulesLowConfidence: topRulesLow.map(([ruleId, n]) => ({ ruleId, n })),
  topFiles: topFiles.map(([file, n]) => ({ file, n })),
  samples,
};
if (!onlyRule) writeFileSync(join(here, 'precision-results.json'), JSON.stringify(result, null, 2) + '\n');

console.log(`credsweep precision: ${result.rules} rules from ${result.ruleFiles.length} files, ${result.threads} threads`);
console.log(`scanned ${result.mbScanned} MB in ${files} files (${skippedBinary} binary, ${skippedLarge} over 10 MB skipped) in ${result.seconds}s (${result.mbPerSecond} MB/s)`);
console.log(`findings (medium+high): ${shown.length}  = ${result.findingsPer100MB} per 100 MB`);
console.log(`findings (incl. low):   ${findings.length}  = ${result.findingsIncludingLowPer100MB} per 100 MB  ${JSON.stringify(byConfidence)}`);
const table = (title, rows) => {
  if (rows.length === 0) return;
  console.log(`\n${title}`);
  for (const [k, n] of rows) console.log(`  ${String(n).padStart(6)}  ${k}`);
};
table('top rules (medium+high):', topRules);
table('top rules (low only):', topRulesLow);
table('top files (medium+high):', topFiles);
if (samples.length) {
  console.log('\nsample findings:');
  for (const s of samples.slice(0, top)) console.log(`  ${s.ruleId}  ${s.file}:${s.line}  ${s.key ?? ''}  ${s.preview}${s.decoded ? `  [${s.decoded}]` : ''}`);
}
