import { loadCatalogue } from '../../detectors/catalogue.js';

/** `rules list`: the catalogue as a table (id, provider, confidence, validator, name) or JSON. */
export function rulesListing(dir: string | undefined, json: boolean): string {
  const cat = loadCatalogue(dir);
  if (json) return JSON.stringify(cat.rules.map(({ examples: _e, negatives: _n, ...r }) => r), null, 2) + '\n';
  const rows = cat.rules.map((r) => [r.id, `${r.provider}${r.category && r.category !== r.provider ? ` (${r.category})` : ''}`, r.confidence, r.validate ?? '-', r.fileFormats?.length ? `${r.name} (in ${r.fileFormats.join(', ')} files)` : r.name]);
  const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i].length), 4));
  const line = (row: string[]) => row.map((c, i) => (i < 4 ? c.padEnd(w[i]) : c)).join('  ');
  return [line(['ID', 'PROVIDER', 'CONFIDENCE', 'VALIDATOR', 'NAME']), ...rows.map(line)].join('\n') + `\n${cat.rules.length} rules\n`;
}
