import type { Command } from 'commander';
import { offerGroups, resolveSettings, runScan, stagedJob, stdinJob } from '../app/index.js';

const GROUPS = ['input', 'detection', 'output', 'hygiene'] as const;

/** `scan staged` for pre-commit hooks and `scan stdin` for pipes. */
export function registerScanStaged(scan: Command): void {
  offerGroups(
    scan.command('staged').description('scan what the next commit would record (the index, not the work tree): for pre-commit hooks').argument('[repo]', 'repository (work tree)', '.'),
    GROUPS,
  ).action(async (repo: string, opts: Record<string, unknown>) => {
    process.exitCode = await runScan(stagedJob(repo), resolveSettings(opts, GROUPS));
  });
  offerGroups(
    scan
      .command('stdin')
      .description('scan standard input as one file (also: `scan dir -`)')
      .option('--stdin-name <name>', 'the name findings report for it, e.g. the path it came from (default: <stdin>)'),
    GROUPS,
  ).action(async (opts: Record<string, unknown>) => {
    process.exitCode = await runScan(stdinJob(opts.stdinName as string | undefined), resolveSettings(opts, GROUPS));
  });
}
