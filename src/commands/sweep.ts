import type { Command } from 'commander';
import { addScanOptions, intArg, makeScanner, sizeArg, UsageError, type ScanOptions } from './common.js';
import { loadFingerprintKey } from '../engine/fingerprint.js';
import { makeClient, resolveApiUrl, resolveToken } from '../github/client.js';
import { filterRepos, listRepos, type RepoSelector } from '../github/sweep/repos.js';
import { inShard, parseShard } from '../github/sweep/shard.js';
import { sweepRepos } from '../github/sweep/sweep.js';
import { keyId, writeShardFile, type ShardFile } from '../github/sweep/shard-file.js';
import { finishSweep } from '../github/sweep/finish.js';
import { EXIT } from '../exit-codes.js';

interface SweepCommandOptions extends ScanOptions {
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
  config?: string;
  db?: string;
}

export function registerSweep(program: Command): void {
  const cmd = program
    .command('sweep')
    .description('scan every repository of a GitHub organisation or user (full history), correlate across repositories, open issues')
    .argument('[kind]', "'org' (then ORG), 'user' (then USER); or use --user / --repos-file")
    .argument('[name]', 'organisation or user')
    .option('--user <user>', "sweep a user's repositories")
    .option('--repos-file <file>', 'sweep the repositories listed in a file (owner/name a line)')
    .option('--concurrency <n>', 'repositories cloned and scanned at once', (v) => intArg(v, '--concurrency'), 4)
    .option('--include-archived', 'also sweep archived repositories', false)
    .option('--include-forks', 'also sweep forks', false)
    .option('--include-empty', 'also try repositories the API reports as empty', false)
    .option('--max-repo-size <size>', "skip repositories larger than this by the API's size (e.g. 2GB)", (v) => sizeArg(v, '--max-repo-size'))
    .option('--repo-timeout <seconds>', 'give up cloning a repository after this long', (v) => intArg(v, '--repo-timeout'), 1800)
    .option('--shard <i/n>', 'sweep only shard I of N (stable by repository name) and write a shard file for `credsweep merge`')
    .option('--shard-file <file>', 'where --shard writes its findings (default: credsweep-shard-I-of-N.json)');
  addScanOptions(cmd).action(async (kind: string | undefined, name: string | undefined, opts: SweepCommandOptions) => {
    process.exitCode = await runSweep(selector(kind, name, opts), opts);
  });
}

function selector(kind: string | undefined, name: string | undefined, o: SweepCommandOptions): RepoSelector {
  if (o.reposFile) return { reposFile: o.reposFile };
  if (o.user) return { user: o.user };
  if (kind === 'org' && name) return { org: name };
  if (kind === 'user' && name) return { user: name };
  if (kind && !name && kind !== 'org' && kind !== 'user') return { org: kind };
  throw new UsageError('say what to sweep: `credsweep sweep org ORG`, `--user USER` or `--repos-file FILE`');
}

async function runSweep(sel: RepoSelector, o: SweepCommandOptions): Promise<number> {
  const shard = o.shard ? parseShard(o.shard) : undefined;
  const token = resolveToken(o.githubToken);
  const apiUrl = resolveApiUrl(o.githubApiUrl);
  const gh = makeClient({ token, apiUrl: o.githubApiUrl });
  const target = 'org' in sel ? `org ${sel.org}` : 'user' in sel ? `user ${sel.user}` : `repos ${sel.reposFile}`;
  const log = (l: string) => o.progress && process.stderr.write(`${l}\n`);
  const startedAt = new Date().toISOString();
  const all = await listRepos(gh, sel);
  const mine = shard ? all.filter((r) => inShard(r.fullName, shard)) : all;
  const { keep, skipped } = filterRepos(mine, { includeArchived: o.includeArchived, includeForks: o.includeForks, includeEmpty: o.includeEmpty, maxRepoSize: o.maxRepoSize });
  log(`credsweep: sweeping ${keep.length} of ${all.length} repositories of ${target}${shard ? ` (shard ${shard.index}/${shard.count})` : ''}; skipped ${skipped.length}`);
  const tokenHosts = [new URL(apiUrl).hostname.replace(/^api\./, ''), new URL(apiUrl).hostname];
  if (process.env.GITHUB_SERVER_URL) tokenHosts.push(new URL(process.env.GITHUB_SERVER_URL).hostname);
  const scanner = makeScanner(o);
  let outcome;
  try {
    outcome = await sweepRepos(keep, scanner, { concurrency: o.concurrency, maxFileSize: o.maxFileSize, token, tokenHosts, timeoutMs: o.repoTimeout * 1000, progress: log });
  } finally {
    await scanner.close();
  }
  const info = (r: { fullName: string; htmlUrl: string }) => ({ fullName: r.fullName, htmlUrl: r.htmlUrl });
  const file: ShardFile = {
    format: 'credsweep-shard',
    version: 1,
    keyId: keyId(loadFingerprintKey()),
    ...(shard ? { shard } : {}),
    target,
    startedAt,
    scanned: outcome.scanned.map(info),
    repos: mine.map(info),
    findings: outcome.findings,
    errors: [
      ...outcome.errors,
      ...skipped.filter((s) => s.reason === 'too-large').map((s) => ({ where: s.repo.fullName, message: `skipped: ${s.repo.sizeKb} KB is over --max-repo-size` })),
    ],
    skipped: skipped.map((s) => ({ path: s.repo.fullName, reason: s.reason, size: s.repo.sizeKb * 1024 })),
    stats: outcome.stats,
  };
  if (shard) {
    const out = o.shardFile ?? `credsweep-shard-${shard.index}-of-${shard.count}.json`;
    writeShardFile(out, file);
    process.stderr.write(`credsweep: shard ${shard.index}/${shard.count}: ${outcome.scanned.length} repositories scanned, ${outcome.findings.length} findings, ${file.errors.length} errors -> ${out}\n`);
    return file.errors.length ? EXIT.PARTIAL : EXIT.OK;
  }
  return finishSweep([file], o);
}
