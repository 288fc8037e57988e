import type { Command } from 'commander';
import { intArg, offerGroups, resolveSettings, runScan, sizeArg, sweepJob, UsageError, type SweepTarget } from '../app/index.js';

const GROUPS = ['input', 'detection', 'verification', 'output', 'hygiene', 'github'] as const;

interface SweepFlags {
  user?: string;
  reposFile?: string;
  concurrency: number;
  includeArchived: boolean;
  includeForks: boolean;
  includeEmpty: boolean;
  maxRepoSize?: number;
  repoTimeout: number;
  shard?: string;
  shardFile?: string;
}

export function registerSweep(program: Command): void {
  const cmd = program
    .command('sweep')
    .description('scan every repository of a GitHub organisation or user (full history), correlate across repositories, open issues')
    .argument('[kind]', "'org' (then ORG), 'user' (then USER); or use --user / --repos-file")
    .argument('[name]', 'organisation or user')
    .option('--user <user>', "sweep a user's repositories")
    .option('--repos-file <file>', 'sweep the repositories listed in a file (owner/name a line)')
    .option('--concurrency <n>', 'repositories cloned and scanned at once', intArg('--concurrency'), 4)
    .option('--include-archived', 'also sweep archived repositories', false)
    .option('--include-forks', 'also sweep forks', false)
    .option('--include-empty', 'also try repositories the API reports as empty', false)
    .option('--max-repo-size <size>', "skip repositories larger than this by the API's size (e.g. 2GB)", sizeArg('--max-repo-size'))
    .option('--repo-timeout <seconds>', 'give up cloning a repository after this long', intArg('--repo-timeout'), 1800)
    .option('--shard <i/n>', 'sweep only shard I of N (stable by repository name) and write a shard file for `credsweep merge`')
    .option('--shard-file <file>', 'where --shard writes its findings (default: credsweep-shard-I-of-N.json)');
  offerGroups(cmd, GROUPS).action(async (kind: string | undefined, name: string | undefined, o: SweepFlags) => {
    const target: SweepTarget = {
      selector: selector(kind, name, o),
      concurrency: o.concurrency,
      includeArchived: o.includeArchived,
      includeForks: o.includeForks,
      includeEmpty: o.includeEmpty,
      maxRepoSize: o.maxRepoSize,
      repoTimeoutSeconds: o.repoTimeout,
      shard: o.shard,
      shardFile: o.shardFile,
    };
    process.exitCode = await runScan(sweepJob(target), resolveSettings(o as unknown as Record<string, unknown>, GROUPS));
  });
}

function selector(kind: string | undefined, name: string | undefined, o: SweepFlags): SweepTarget['selector'] {
  if (o.reposFile) return { reposFile: o.reposFile };
  if (o.user) return { user: o.user };
  if (kind === 'org' && name) return { org: name };
  if (kind === 'user' && name) return { user: name };
  if (kind && !name && kind !== 'org' && kind !== 'user') return { org: kind };
  throw new UsageError('say what to sweep: `credsweep sweep org ORG`, `--user USER` or `--repos-file FILE`');
}
