import type { Command } from 'commander';
import { loadCatalogue } from '../detectors/catalogue.js';

export function registerRules(program: Command): void {
  const rules = program.command('rules').description('the detector catalogue');
  rules
    .command('list')
    .description('list every rule with its provider, confidence and validator')
    .option('--rules <dir>', 'rule catalogue folder')
    .option('--json', 'print JSON')
    .action((opts: { rules?: string; json?: boolean }) => {
      const cat = loadCatalogue(opts.rules);
      if (opts.json) {
        process.stdout.write(JSON.stringify(cat.rules.map(({ examples: _e, negatives: _n, ...r }) => r), null, 2) + '\n');
        return;
      }
      const rows = cat.rules.map((r) => [r.id, r.provider, r.confidence, r.validate ?? '-', r.name]);
      const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i].length), 4));
      const line = (row: string[]) => row.map((c, i) => (i < 4 ? c.padEnd(w[i]) : c)).join('  ');
      process.stdout.write([line(['ID', 'PROVIDER', 'CONFIDENCE', 'VALIDATOR', 'NAME']), ...rows.map(line)].join('\n') + `\n${cat.rules.length} rules\n`);
    });
}
