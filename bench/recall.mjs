// Recall benchmark: scans corpus/recall/files (one file per credential format, fake secrets
// planted in realistic surroundings, listed in corpus/recall/planted.json) and prints
// recall = found / planted, overall and at medium confidence or above, with the formats
// missed. Never prints a secret: misses show the format and file only.
//
//   npm run bench:recall                 (builds first)
//   node bench/recall.mjs [--rules DIR]  (another catalogue, e.g. an older one, for a trend)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalogue } from '../dist/detectors/catalogue.js';
import { compileCatalogue } from '../dist/engine/compile.js';
import { detect } from '../dist/engine/detect.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const rulesAt = args.indexOf('--rules');
const rulesDir = rulesAt >= 0 ? args[rulesAt + 1] : undefined;
const corpus = join(here, '..', 'corpus', 'recall');
const { planted } = JSON.parse(readFileSync(join(corpus, 'planted.json'), 'utf8'));

const catalogue = loadCatalogue(rulesDir);
const compiled = compileCatalogue(catalogue);
const RANK = { low: 0, medium: 1, high: 2 };

// A planted secret counts as found when a hit's secret is it, contains it (a webhook URL
// around its token) or covers most of it (a rule that stops before a checksum suffix).
const covers = (hit, secret) => hit.includes(secret) || (secret.includes(hit) && hit.length >= 0.8 * secret.length);

const rows = planted.map((p) => {
  const data = readFileSync(join(corpus, 'files', p.file));
  const hits = detect(compiled, data, { name: p.file }).filter((h) => covers(h.secret, p.secret));
  const best = hits.sort((a, b) => RANK[b.confidence] - RANK[a.confidence])[0];
  return { format: p.format, file: p.file, found: !!best, rule: best?.rule.spec.id, confidence: best?.confidence };
});
const found = rows.filter((r) => r.found);
const medium = found.filter((r) => RANK[r.confidence] >= 1);
const pct = (n) => ((100 * n) / rows.length).toFixed(1);
const result = {
  date: new Date().toISOString(),
  rules: catalogue.rules.length,
  planted: rows.length,
  found: found.length,
  recall: Number((found.length / rows.length).toFixed(3)),
  foundMediumPlus: medium.length,
  recallMediumPlus: Number((medium.length / rows.length).toFixed(3)),
  missed: rows.filter((r) => !r.found).map((r) => r.format),
  lowOnly: found.filter((r) => r.confidence === 'low').map((r) => `${r.format} (${r.rule})`),
};
if (!rulesDir) writeFileSync(join(here, 'recall-results.json'), JSON.stringify({ ...result, rows }, null, 2) + '\n');
console.log(`credsweep recall: ${result.rules} rules, ${result.planted} planted formats`);
console.log(`recall:             ${found.length}/${rows.length} = ${pct(found.length)}%`);
console.log(`recall medium+:     ${medium.length}/${rows.length} = ${pct(medium.length)}%`);
if (result.missed.length) console.log(`missed (${result.missed.length}): ${result.missed.join(', ')}`);
if (result.lowOnly.length) console.log(`found at low only (${result.lowOnly.length}): ${result.lowOnly.join(', ')}`);
