import type { Command } from 'commander';
import { mergeJob, offerGroups, resolveSettings, runScan } from '../app/index.js';

// A merge reads findings already made: nothing to read or match, so no input or detection flags.
const GROUPS = ['output', 'hygiene', 'github'] as const;

/** `credsweep merge shard-*.json`: correlate sweep shards (shared across shards), report, open issues once. */
export function registerMerge(program: Command): void {
  const cmd = program
    .command('merge')
    .description('merge the shard files of a sharded sweep: correlate across shards, report, open or update issues once')
    .argument('<files...>', 'shard files written by `credsweep sweep --shard I/N`');
  offerGroups(cmd, GROUPS).action(async (files: string[], opts: Record<string, unknown>) => {
    process.exitCode = await runScan(mergeJob(files), resolveSettings(opts, GROUPS));
  });
}
