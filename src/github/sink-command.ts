import type { Command } from 'commander';
import type { Credential } from '../hygiene/types.js';
import { makeClient, resolveToken } from './client.js';
import { issueTargets, repoInfo, type RepoInfo } from './targets.js';
import { syncIssues, type SinkResult } from './issues-sink.js';

/** The GitHub flags shared by scan commands, `sweep` and `merge`. */
export interface GitHubFlags {
  openIssues?: boolean;
  dryRun?: boolean;
  githubToken?: string;
  githubApiUrl?: string;
  issuesRepo?: string;
}

export function addGitHubOptions(cmd: Command): Command {
  return cmd
    .option('--open-issues', 'open or update one GitHub issue per credential per repository', false)
    .option('--dry-run', 'with --open-issues: print what would be opened or changed, change nothing', false)
    .option('--github-token <token>', 'GitHub token (default: $GITHUB_TOKEN)')
    .option('--github-api-url <url>', 'GitHub REST API root, for GitHub Enterprise Server (default: $GITHUB_API_URL or https://api.github.com)')
    .option('--issues-repo <owner/name>', 'repository for issues about non-sweep findings (default: $GITHUB_REPOSITORY)');
}

export interface SinkRun {
  credentials: Credential[];
  /** Repositories named by git origins (sweeps); others go to --issues-repo. */
  known?: Map<string, RepoInfo>;
  fullScan: boolean;
  scannedRepos?: string[];
}

/** Runs the issues sink for a finished scan; errors are returned, so the scan's report still stands. */
export async function runIssuesSink(flags: GitHubFlags, run: SinkRun): Promise<SinkResult> {
  const token = resolveToken(flags.githubToken);
  if (!token && !flags.dryRun) throw new Error('--open-issues needs a token: set GITHUB_TOKEN or pass --github-token');
  const client = token ? makeClient({ token, apiUrl: flags.githubApiUrl }) : undefined;
  const fallbackName = flags.issuesRepo ?? process.env.GITHUB_REPOSITORY;
  const fallback = fallbackName ? repoInfo(fallbackName, process.env.GITHUB_SERVER_URL) : undefined;
  const forbidden = run.credentials.flatMap((c) => c.findings.map((f) => f.secret ?? '')).filter(Boolean);
  const targets = issueTargets(run.credentials, run.known ?? new Map(), fallback);
  const res = await syncIssues(targets, { client, dryRun: !!flags.dryRun, fullScan: run.fullScan, scannedRepos: run.scannedRepos, forbidden });
  const n = (k: string) => res.actions.filter((a) => a.kind === k).length;
  process.stderr.write(
    `credsweep: issues ${flags.dryRun ? '(dry run) ' : ''}${n('create')} opened, ${n('update')} updated, ${n('reopen')} reopened, ${n('gone')} marked no longer live, ${n('unchanged')} unchanged${res.errors.length ? `, ${res.errors.length} errors` : ''}\n`,
  );
  for (const e of res.errors) process.stderr.write(`credsweep: ${e.where}: ${e.message}\n`);
  return res;
}
