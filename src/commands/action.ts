import { Option, type Command } from 'commander';
import { addScanOptions } from './common.js';
import { runAction, type ActionOptions } from '../github/action/run.js';

/** `credsweep action`: the GitHub Action's entry (action.yml runs it), usable in any CI that sets GITHUB_EVENT_*. */
export function registerAction(program: Command): void {
  const cmd = program
    .command('action')
    .description('GitHub Action entry: scan what the push or pull request in $GITHUB_EVENT_PATH adds; annotations, job summary, outputs, SARIF')
    .addOption(new Option('--mode <mode>', 'auto: what the event adds; full: the whole history').choices(['auto', 'full']).default('auto'))
    .option('--sarif <file>', 'where to write the SARIF report', 'credsweep.sarif')
    .option('--path <dir>', 'the checked-out repository', process.env.GITHUB_WORKSPACE || '.');
  addScanOptions(cmd);
  // --config comes from addScanOptions when the foundation has it; add it otherwise.
  if (!cmd.options.some((o) => o.long === '--config')) cmd.option('--config <file>', 'policy file (default: .credsweep.yaml when present)');
  cmd.action(async (opts: ActionOptions) => {
    process.exitCode = await runAction(opts);
  });
}
