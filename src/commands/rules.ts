import type { Command } from 'commander';
import { rulesListing } from '../app/index.js';

export function registerRules(program: Command): void {
  const rules = program.command('rules').description('the detector catalogue');
  rules
    .command('list')
    .description('list every rule with its provider, confidence and validator')
    .option('--rules <dir>', 'rule catalogue folder (default: the shipped detectors/)')
    .option('--json', 'print JSON')
    .action((opts: { rules?: string; json?: boolean }) => {
      process.stdout.write(rulesListing(opts.rules, !!opts.json));
    });
}
