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
  /** Open issues at most (those already open count); the rest go to one tracking issue per repository. */
  maxIssues?: number;
  allowPublicIssues?: boolean;
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
  const res = await syncIssues(targets, {
    client,
    dryRun: gh.dryRun,
    fullScan: scope.fullScan,
    scannedRepos: scope.scannedRepos,
    maxIssues: gh.maxIssues,
    allowPublicIssues: gh.allowPublicIssues,
    scrub: (s) => processRedactor.redact(s, true),
  });
  process.stderr.write(`credsweep: ${issueSummary(res, gh.dryRun)}\n`);
  for (const e of res.errors) process.stderr.write(`credsweep: ${e.where}: ${e.message}\n`);
  return res;
}

/** `issues: 3 opened, …` or, in a dry run, `issues (dry run): would open 3, …`: a dry run never claims it did anything. */
export function issueSummary(res: SinkResult, dryRun: boolean): string {
  const n = (k: string) => res.actions.filter((a) => a.kind === k).length;
  const parts: Array<[number, string, string]> = [
    [n('create'), 'opened', 'would open'],
    [n('update'), 'updated', 'would update'],
    [n('reopen'), 'reopened', 'would reopen'],
    [n('gone'), 'marked no longer live', 'would mark no longer live'],
    [n('deferred'), 'over --max-issues (listed in the tracking issue)', 'over --max-issues (would be listed in the tracking issue)'],
    [n('refused'), 'refused (live on a public repository)', 'would be refused (live on a public repository)'],
  ];
  const said = parts.filter(([k], i) => k > 0 || i < 2).map(([k, done, would]) => (dryRun ? `${would} ${k}` : `${k} ${done}`));
  said.push(`${n('unchanged')} unchanged`);
  if (res.errors.length) said.push(`${res.errors.length} errors`);
  return `issues${dryRun ? ' (dry run, nothing changed)' : ''}: ${said.join(', ')}`;
}
