// The README's "what --verify sends where" table is generated from the verifiers (npm run docs).
import t from 'tap';
import { readFileSync } from 'node:fs';
import { updateReadme } from '../../dist/app/docs.js';
import { verifiersTable } from '../../dist/verify/index.js';
import { loadCatalogue } from '../../dist/detectors/catalogue.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
t.equal(updateReadme(readme, { verifiers: verifiersTable(loadCatalogue().rules) }), readme, 'the verifier table is current (run `npm run docs`)');
