// The README's option, flag, severity and format tables are generated (npm run docs): this
// fails when a registry or a command changed and the README was not regenerated.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { buildProgram } from '../../dist/cli.js';
import { readmeSections, updateReadme } from '../../dist/app/docs.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
t.equal(updateReadme(readme, readmeSections(buildProgram())), readme, 'README tables are current (run `npm run docs`)');

// The performance table is made from the benchmarks' records (bench/results/*.json).
const { performanceTable } = await import('../../bench/performance-table.mjs');
t.equal(updateReadme(readme, { performance: performanceTable() }), readme, 'README performance table matches bench/results (run `npm run docs`)');
