import { readFileSync } from 'node:fs';
import type { GitHubClient } from '../client.js';

/** A repository to sweep, as the API describes it. */
export interface SweepRepo {
  fullName: string;
  cloneUrl: string;
  htmlUrl: string;
  archived: boolean;
  fork: boolean;
  /** KB, as the API reports it (0 for an empty repository). */
  sizeKb: number;
  defaultBranch?: string;
}

export type RepoSelector = { org: string } | { user: string } | { reposFile: string };

interface ApiRepo {
  full_name: string;
  clone_url?: string;
  html_url: string;
  archived?: boolean;
  fork: boolean;
  size?: number;
  default_branch?: string;
}

const toRepo = (r: ApiRepo): SweepRepo => ({
  fullName: r.full_name,
  cloneUrl: r.clone_url ?? `${r.html_url}.git`,
  htmlUrl: r.html_url,
  archived: !!r.archived,
  fork: r.fork,
  sizeKb: r.size ?? 0,
  defaultBranch: r.default_branch,
});

/** Every repository of an organisation or user (all pages), or those named in a file (one `owner/name` a line). */
export async function listRepos(gh: GitHubClient, sel: RepoSelector): Promise<SweepRepo[]> {
  let repos: SweepRepo[];
  if ('org' in sel) repos = (await gh.paginate(gh.rest.repos.listForOrg, { org: sel.org, type: 'all', per_page: 100 })).map((r) => toRepo(r as ApiRepo));
  else if ('user' in sel) repos = (await gh.paginate(gh.rest.repos.listForUser, { username: sel.user, type: 'owner', per_page: 100 })).map((r) => toRepo(r as ApiRepo));
  else {
    repos = [];
    for (const name of readReposFile(sel.reposFile)) {
      const [owner, repo] = name.split('/');
      repos.push(toRepo((await gh.rest.repos.get({ owner, repo })).data as ApiRepo));
    }
  }
  return repos.sort((a, b) => a.fullName.localeCompare(b.fullName));
}

export function readReposFile(file: string): string[] {
  const names = readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);
  for (const n of names) if (!/^[\w.-]+\/[\w.-]+$/.test(n)) throw new Error(`${file}: '${n}' is not owner/name`);
  return [...new Set(names)];
}

export interface RepoFilter {
  includeArchived: boolean;
  includeForks: boolean;
  includeEmpty: boolean;
  /** Bytes; larger repositories (by the API's size) are reported and skipped. */
  maxRepoSize?: number;
}

export interface Skip {
  repo: SweepRepo;
  reason: 'archived' | 'fork' | 'empty' | 'too-large';
}

export function filterRepos(repos: SweepRepo[], f: RepoFilter): { keep: SweepRepo[]; skipped: Skip[] } {
  const keep: SweepRepo[] = [];
  const skipped: Skip[] = [];
  for (const r of repos) {
    if (r.archived && !f.includeArchived) skipped.push({ repo: r, reason: 'archived' });
    else if (r.fork && !f.includeForks) skipped.push({ repo: r, reason: 'fork' });
    else if (r.sizeKb === 0 && !f.includeEmpty) skipped.push({ repo: r, reason: 'empty' });
    else if (f.maxRepoSize !== undefined && r.sizeKb * 1024 > f.maxRepoSize) skipped.push({ repo: r, reason: 'too-large' });
    else keep.push(r);
  }
  return { keep, skipped };
}
