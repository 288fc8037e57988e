import type { Command } from 'commander';
import { addScanOptions, type ScanOptions } from './common.js';
import { readShardFile } from '../github/sweep/shard-file.js';
import { finishSweep } from '../github/sweep/finish.js';

/** `credsweep merge shard-*.json`: correlate sweep shards (shared across shards), report, open issues once. */
export function registerMerge(program: Command): void {
  const cmd = program
    .command('merge')
    .description('merge the shard files of a sharded sweep: correlate across shards, report, open or update issues once')
    .argument('<files...>', 'shard files written by `credsweep sweep --shard I/N`');
  addScanOptions(cmd).action(async (files: string[], opts: ScanOptions) => {
    process.exitCode = await finishSweep(files.map(readShardFile), opts, files);
  });
}
