import type { Finding } from '../types.js';
import type { Credential } from '../hygiene/types.js';
import type { IssueTarget } from './issue-body.js';

export interface RepoInfo {
  fullName: string;
  htmlUrl: string;
}

/**
 * Splits credentials into one issue target per repository. A git finding belongs to the
 * repository named by its origin when that name is a known repository (sweeps); everything
 * else belongs to `fallback` (the repository the Action runs in, or `--issues-repo`).
 */
export function issueTargets(credentials: Credential[], known: Map<string, RepoInfo>, fallback?: RepoInfo): IssueTarget[] {
  const out: IssueTarget[] = [];
  for (const c of credentials) {
    const byRepo = new Map<string, { info: RepoInfo; findings: Finding[] }>();
    for (const f of c.findings) {
      const info = (f.origin.kind === 'git' ? known.get(f.origin.repo) : undefined) ?? fallback;
      if (!info) throw new Error(`no repository to open an issue in for ${describe(f)}: pass --issues-repo OWNER/NAME (or run inside GitHub Actions)`);
      const g = byRepo.get(info.fullName);
      if (g) g.findings.push(f);
      else byRepo.set(info.fullName, { info, findings: [f] });
    }
    for (const { info, findings } of byRepo.values()) {
      out.push({ repo: info.fullName, htmlUrl: info.htmlUrl, credential: c, findings, live: liveIn(c, info.fullName, findings) });
    }
  }
  return out.sort((a, b) => a.repo.localeCompare(b.repo) || a.credential.fingerprint.localeCompare(b.credential.fingerprint));
}

/** Hygiene's per-context liveness when it has one for this repository, else the findings' own. */
function liveIn(c: Credential, repo: string, findings: Finding[]): boolean {
  const place = c.places?.find((p) => p.context === repo || p.context.endsWith(`:${repo}`));
  if (place) return place.live;
  const git = findings.filter((f) => f.origin.kind === 'git');
  if (git.length && git.length === findings.length) return git.some((f) => f.origin.kind === 'git' && f.origin.live !== false);
  return c.live;
}

function describe(f: Finding): string {
  return `${f.ruleId} fingerprint ${f.fingerprint.slice(0, 12)}`;
}

export function repoInfo(fullName: string, serverUrl = 'https://github.com'): RepoInfo {
  return { fullName, htmlUrl: `${serverUrl.replace(/\/+$/, '')}/${fullName}` };
}
