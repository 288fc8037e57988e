import { Option, type Command } from 'commander';
import { actionJob, offerGroups, resolveSettings, runScan, type ActionTarget } from '../app/index.js';

const GROUPS = ['input', 'detection', 'verification', 'output', 'hygiene', 'github'] as const;

/** `credsweep action`: the GitHub Action's entry (action.yml runs it), usable in any CI that sets GITHUB_EVENT_*. */
export function registerAction(program: Command): void {
  const cmd = program
    .command('action')
    .description('GitHub Action entry: scan what the push or pull request in $GITHUB_EVENT_PATH adds; annotations, job summary, outputs, SARIF')
    .addOption(new Option('--mode <mode>', 'auto: what the event adds; full: the whole history').choices(['auto', 'full']).default('auto'))
    .option('--sarif <file>', 'where to write the SARIF report (besides the report in --format)', 'credsweep.sarif')
    .option('--path <dir>', 'the checked-out repository', process.env.GITHUB_WORKSPACE || '.')
    .option('--base <rev>', "an explicit range instead of the event's: scan the commits in --head not in BASE (default: the Action's base input)")
    .option('--head <rev>', 'with --base: the range end (default HEAD)');
  offerGroups(cmd, GROUPS).action(async (opts: ActionTarget) => {
    process.exitCode = await runScan(actionJob({ mode: opts.mode, sarif: opts.sarif, path: opts.path, base: opts.base, head: opts.head }), resolveSettings(opts as unknown as Record<string, unknown>, GROUPS));
  });
}
