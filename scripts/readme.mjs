// Regenerates the README's reference tables from the registries and the command tree:
// `npm run docs`, and the performance table from the benchmarks' records (bench/results/).
// test/cli/readme-vocabulary.test.mjs fails when they are out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { buildProgram } from '../dist/cli.js';
import { readmeSections, updateReadme } from '../dist/app/docs.js';
import { verifiersTable } from '../dist/verify/index.js';
import { loadCatalogue } from '../dist/detectors/catalogue.js';
import { performanceTable } from '../bench/performance-table.mjs';

const file = new URL('../README.md', import.meta.url);
const sections = { ...readmeSections(buildProgram()), verifiers: verifiersTable(loadCatalogue().rules), performance: performanceTable() };
writeFileSync(file, updateReadme(readFileSync(file, 'utf8'), sections));
