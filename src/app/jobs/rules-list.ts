import { loadCatalogue } from '../../detectors/catalogue.js';
import { STRUCTURAL_RULES } from '../../enrich/index.js';

/**
 * `rules list`: the catalogue's detector rules and the enrichment stages' hygiene rules, as a
 * table (id, provider, confidence, validator or stage, kind, name) or JSON (each with `kind`).
 */
export function rulesListing(dir: string | undefined, json: boolean): string {
  const cat = loadCatalogue(dir);
  if (json) {
    const detectors = cat.rules.map(({ examples: _e, negatives: _n, ...r }) => ({ kind: 'rule', ...r }));
    const hygiene = STRUCTURAL_RULES.map((r) => ({ kind: 'hygiene', ...r }));
    return JSON.stringify([...detectors, ...hygiene], null, 2) + '\n';
  }
  const rows = [
    ...cat.rules.map((r) => [r.id, `${r.provider}${r.category && r.category !== r.provider ? ` (${r.category})` : ''}`, r.confidence, r.validate ?? '-', 'rule', r.fileFormats?.length ? `${r.name} (in ${r.fileFormats.join(', ')} files)` : r.name]),
    ...STRUCTURAL_RULES.map((r) => [r.id, r.provider, r.confidence, `(${r.stage} stage)`, 'hygiene', r.name]),
  ];
  const w = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((row) => row[i].length), 4));
  const line = (row: string[]) => row.map((c, i) => (i < 5 ? c.padEnd(w[i]) : c)).join('  ');
  return [line(['ID', 'PROVIDER', 'CONFIDENCE', 'VALIDATOR', 'KIND', 'NAME']), ...rows.map(line)].join('\n') + `\n${rows.length} rules\n`;
}
