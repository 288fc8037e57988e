import type { Credential } from '../hygiene/types.js';
import { makeClient, resolveToken } from './client.js';
import { issueTargets, repoInfo, type RepoInfo } from './targets.js';
import { syncIssues, type SinkResult } from './issues-sink.js';
import { processRedactor } from '../redact/index.js';

/** The GitHub side of a run's settings (app/settings.ts GitHubSettings has this shape). */
export interface IssuesSettings {
  dryRun: boolean;
  token?: string;
  apiUrl?: string;
  issuesRepo?: string;
}

/** What a run covered, for the issues sink. */
export interface IssueScope {
  /** Repositories named by git origins (sweeps, the Action); others go to --issues-repo. */
  known?: Map<string, RepoInfo>;
  /** The whole target was scanned, so an open issue whose credential is gone may say so. */
  fullScan: boolean;
  scannedRepos?: string[];
}

/** Runs the issues sink for a finished scan; errors are returned, so the scan's report still stands. */
export async function runIssuesSink(gh: IssuesSettings, credentials: Credential[], scope: IssueScope): Promise<SinkResult> {
  const token = resolveToken(gh.token);
  if (!token && !gh.dryRun) throw new Error('--open-issues needs a token: set GITHUB_TOKEN or pass --github-token');
  const client = token ? makeClient({ token, apiUrl: gh.apiUrl }) : undefined;
  const fallbackName = gh.issuesRepo ?? process.env.GITHUB_REPOSITORY;
  const fallback = fallbackName ? repoInfo(fallbackName, process.env.GITHUB_SERVER_URL) : undefined;
  const targets = issueTargets(credentials, scope.known ?? new Map(), fallback);
  const res = await syncIssues(targets, { client, dryRun: gh.dryRun, fullScan: scope.fullScan, scannedRepos: scope.scannedRepos, scrub: (s) => processRedactor.redact(s, true) });
  const n = (k: string) => res.actions.filter((a) => a.kind === k).length;
  process.stderr.write(
    `credsweep: issues ${gh.dryRun ? '(dry run) ' : ''}${n('create')} opened, ${n('update')} updated, ${n('reopen')} reopened, ${n('gone')} marked no longer live, ${n('unchanged')} unchanged${res.errors.length ? `, ${res.errors.length} errors` : ''}\n`,
  );
  for (const e of res.errors) process.stderr.write(`credsweep: ${e.where}: ${e.message}\n`);
  return res;
}
