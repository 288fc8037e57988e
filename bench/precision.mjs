// Precision benchmark: scans real trees nobody planted secrets in and counts what the
// catalogue and hygiene make of them. Suites:
//   node_modules   this project's node_modules, engine only: findings per 100 MB (target: 0 medium+)
//   python         /usr/lib/python3 (Debian's Python packages) through `scan dir` + hygiene
//   image          a docker-archive the bench builds from installed packages (/etc, Debian's
//                  Python and Perl, a site-packages with awscli, moto, botocore, numpy) plus an
//                  app layer (the demo folder, planted fakes: the image's own files)
//   git-own        the full history of this project's own main branch (a secrets scanner)
//   git-generated  a history the bench commits from real files over five years (app, tests,
//                  vendored packages, third-party test data, provider docs, examples)
// For every hygiene suite: credentials by severity, and high+critical credentials by the
// context of their findings (`none` = ordinary files). Never prints secrets: rule ids,
// paths and redacted previews only.
//
//   npm run bench:precision                     (builds first)
//   node bench/precision.mjs [--suite a,b] [--top N] [--rule ID] [--root DIR]
import { lstatSync, openSync, readSync, closeSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Scanner } from '../dist/engine/scanner.js';
import { scanSource } from '../dist/app/scan-source.js';
import { analyseCredentials } from '../dist/hygiene/analyse.js';
import { DirSource } from '../dist/sources/dir/index.js';
import { ImageSource } from '../dist/sources/image/index.js';
import { GitSource } from '../dist/sources/git/index.js';
import { buildImage } from './precision/image-build.mjs';
import { buildHistory, mirrorOwnRepo } from './precision/history-build.mjs';
import { walkFiles } from './walk-files.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..');
const outDir = process.env.BENCH_OUT ?? join(here, 'out');
const args = process.argv.slice(2);
const flag = (name, dflt) => {
  const i = args.indexOf(name);
  if (i < 0) return dflt;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const top = Number(flag('--top', 10));
const onlyRule = flag('--rule', undefined);
const threadsArg = flag('--threads', undefined);
const rootArg = flag('--root', args[0]);
const ALL = ['node_modules', 'python', 'image', 'git-own', 'git-generated'];
const suites = (flag('--suite', undefined) ?? ALL.join(',')).split(',');
const MAX = 10 * 1024 * 1024;
const NOW = new Date();
const threads = threadsArg !== undefined ? { threads: Number(threadsArg) } : {};

// Older builds have no `context` on findings; classify their paths with this build's registry
// when one is given (BENCH_CONTEXTS=path/to/dist/vocabulary/contexts.js), for before/after figures.
const classifier = process.env.BENCH_CONTEXTS ? await import(process.env.BENCH_CONTEXTS) : undefined;
const contextOf = (f) => f.context ?? (classifier && 'path' in f.origin ? classifier.contextOfPath(f.origin.path) : undefined) ?? 'none';
const pathOf = (f) => ('path' in f.origin ? f.origin.path : f.origin.field ?? '');

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

const count = (list, key) => {
  const m = new Map();
  for (const x of list) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1]);
};
const mbOf = (bytes) => bytes / (1024 * 1024);
const per100 = (n, mb) => (mb > 0 ? Number(((n * 100) / mb).toFixed(2)) : 0);

/** The original figure: engine only over node_modules, every confidence. */
async function nodeModulesSuite() {
  const root = rootArg ?? join(repoRoot, 'node_modules');
  let files = 0;
  let skippedBinary = 0;
  let skippedLarge = 0;
  function* chunks() {
    for (const p of walkFiles(root)) {
      let st;
      try {
        st = lstatSync(p);
      } catch {
        continue;
      }
      if (!st.isFile() || st.size === 0) continue;
      if (st.size > MAX) {
        skippedLarge++;
        continue;
      }
      if (isBinary(p)) {
        skippedBinary++;
        continue;
      }
      files++;
      yield { data: readFileSync(p), origin: { kind: 'file', path: relative(root, p).split('\\').join('/') } };
    }
  }
  const scanner = new Scanner({ fingerprintKey: Buffer.alloc(32), minConfidence: 'low', ...threads });
  const t0 = process.hrtime.bigint();
  const findings = [];
  for await (const f of scanner.scan(chunks())) if (!onlyRule || f.ruleId === onlyRule) findings.push(f);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  await scanner.close();
  const mb = mbOf(scanner.stats.bytes);
  const shown = findings.filter((f) => f.confidence !== 'low');
  return {
    suite: 'node_modules',
    root: relative(repoRoot, root) || root,
    rules: scanner.catalogue.rules.length,
    files,
    skippedBinary,
    skippedLarge,
    mbScanned: +mb.toFixed(1),
    seconds: +seconds.toFixed(2),
    findings: shown.length,
    findingsPer100MB: per100(shown.length, mb),
    findingsIncludingLow: findings.length,
    findingsIncludingLowPer100MB: per100(findings.length, mb),
    byConfidence: Object.fromEntries(count(findings, (f) => f.confidence)),
    byContext: Object.fromEntries(count(shown, contextOf)),
    topRules: count(shown, (f) => f.ruleId).slice(0, top),
    topRulesLow: count(findings.filter((f) => f.confidence === 'low'), (f) => f.ruleId).slice(0, top),
    samples: shown.slice(0, top).map((f) => ({ ruleId: f.ruleId, file: pathOf(f), line: f.line, confidence: f.confidence, context: contextOf(f), preview: f.preview })),
  };
}

/** A source through the engine and hygiene, as `scan dir|image|git` runs it. */
async function hygieneSuite(suite, what, makeSource) {
  const scanner = new Scanner({ fingerprintKey: Buffer.alloc(32), ...threads });
  const t0 = process.hrtime.bigint();
  let result;
  try {
    result = await scanSource(makeSource(), scanner);
  } finally {
    await scanner.close();
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const findings = onlyRule ? result.findings.filter((f) => f.ruleId === onlyRule) : result.findings;
  const creds = analyseCredentials(findings, { now: NOW });
  const credContext = (c) => (c.findings.every((f) => contextOf(f) !== 'none') ? contextOf(c.findings[0]) : 'none');
  const hi = creds.filter((c) => c.severity === 'high' || c.severity === 'critical');
  const mb = mbOf(result.stats.bytes);
  return {
    suite,
    target: what,
    mbScanned: +mb.toFixed(1),
    seconds: +seconds.toFixed(2),
    errors: result.errors.length,
    findings: findings.length,
    findingsPer100MB: per100(findings.length, mb),
    findingsWithFormat: findings.filter((f) => f.fileFormat).length,
    credentials: creds.length,
    bySeverity: Object.fromEntries(count(creds, (c) => c.severity)),
    byFlag: Object.fromEntries(count(creds.flatMap((c) => c.flags), (x) => x)),
    highCriticalByContext: Object.fromEntries(count(hi, credContext)),
    mediumPlusByContext: Object.fromEntries(count(creds.filter((c) => c.severity !== 'low'), credContext)),
    highCritical: hi.length,
    topRules: count(hi, (c) => c.ruleId).slice(0, top),
    samples: hi.slice(0, top).map((c) => ({ ruleId: c.ruleId, severity: c.severity, context: credContext(c), flags: c.flags, file: pathOf(c.findings[0]), preview: c.preview })),
  };
}

const run = {
  node_modules: nodeModulesSuite,
  python: () => hygieneSuite('python', '/usr/lib/python3', () => new DirSource('/usr/lib/python3', { maxFileSize: MAX })),
  image: async () => {
    mkdirSync(outDir, { recursive: true });
    const img = await buildImage(outDir, repoRoot);
    const r = await hygieneSuite('image', `${relative(repoRoot, img.archive)} (${mbOf(img.bytes).toFixed(0)} MB of files: ${img.layers.map((l) => `${l.trees.join('+')} ${l.mb} MB`).join('; ')})`, () => new ImageSource(img.archive, { maxFileSize: MAX, maxDecompressed: 20 * 1024 ** 3 }));
    return r;
  },
  'git-own': () => {
    mkdirSync(outDir, { recursive: true });
    const repo = mirrorOwnRepo(outDir, process.env.BENCH_OWN_REPO ?? repoRoot);
    return hygieneSuite('git-own', 'this project (main, full history)', () => new GitSource(repo, { maxFileSize: MAX, repoName: 'credsweep' }));
  },
  'git-generated': () => {
    mkdirSync(outDir, { recursive: true });
    const repo = buildHistory(outDir, repoRoot);
    return hygieneSuite('git-generated', relative(repoRoot, repo), () => new GitSource(repo, { maxFileSize: MAX, repoName: 'generated' }));
  },
};

const results = [];
for (const s of suites) {
  if (!run[s]) {
    console.error(`unknown suite '${s}': use ${ALL.join(', ')}`);
    process.exit(2);
  }
  const r = await run[s]();
  results.push(r);
  print(r);
}
if (!onlyRule && !rootArg) writeFileSync(join(here, 'precision-results.json'), JSON.stringify({ date: NOW.toISOString(), results }, null, 2) + '\n');

function print(r) {
  const kv = (o) => Object.entries(o).map(([k, v]) => `${k} ${v}`).join(', ') || '0';
  console.log(`\n== ${r.suite}: ${r.target ?? r.root}`);
  if (r.suite === 'node_modules') {
    console.log(`${r.rules} rules; ${r.mbScanned} MB in ${r.files} files (${r.skippedBinary} binary, ${r.skippedLarge} over 10 MB skipped) in ${r.seconds}s`);
    console.log(`findings medium+: ${r.findings} = ${r.findingsPer100MB} per 100 MB   (incl. low: ${r.findingsIncludingLow} = ${r.findingsIncludingLowPer100MB} per 100 MB; ${kv(r.byConfidence)})`);
    if (r.findings) console.log(`medium+ by context: ${kv(r.byContext)}`);
    if (r.topRules.length) console.log(`top rules medium+: ${r.topRules.map(([k, n]) => `${k} ${n}`).join(', ')}`);
    if (r.topRulesLow.length) console.log(`top rules low: ${r.topRulesLow.map(([k, n]) => `${k} ${n}`).join(', ')}`);
  } else {
    console.log(`${r.mbScanned} MB in ${r.seconds}s; ${r.errors} errors; ${r.findings} findings medium+ (${r.findingsPer100MB} per 100 MB, ${r.findingsWithFormat} in credential-store formats)`);
    console.log(`credentials ${r.credentials}: ${kv(r.bySeverity)}; flags: ${kv(r.byFlag)}`);
    console.log(`high+critical: ${r.highCritical}   by context: ${kv(r.highCriticalByContext)}   (medium+ by context: ${kv(r.mediumPlusByContext)})`);
    if (r.topRules.length) console.log(`top rules high+critical: ${r.topRules.map(([k, n]) => `${k} ${n}`).join(', ')}`);
  }
  for (const s of r.samples) console.log(`  ${s.severity ?? s.confidence} ${s.ruleId} [${s.context}${s.flags?.length ? ' ' + s.flags.join(',') : ''}] ${s.file}${s.line ? ':' + s.line : ''} ${s.preview}`);
}
