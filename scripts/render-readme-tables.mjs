// The README's contexts and credential-store format tables, rendered from their registries
// (engine/contexts.ts, detectors/file-formats.ts) with the same markers `npm run docs` uses:
// `npm run build && node scripts/render-readme-tables.mjs`. test/engine/contexts.test.mjs
// fails when they are out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { updateReadme } from '../dist/app/docs.js';
import { contextsMarkdown } from '../dist/vocabulary/contexts.js';
import { formatsMarkdown } from '../dist/detectors/file-formats.js';

const file = new URL('../README.md', import.meta.url);
writeFileSync(file, updateReadme(readFileSync(file, 'utf8'), { contexts: contextsMarkdown(), 'file-formats': formatsMarkdown() }));
