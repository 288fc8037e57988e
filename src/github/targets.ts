import type { Finding } from '../types.js';
import type { Credential } from '../hygiene/types.js';
import { SEVERITY_ORDER } from '../hygiene/types.js';
import type { IssuePart, IssueTarget } from './issue-body.js';

export interface RepoInfo {
  fullName: string;
  htmlUrl: string;
}

/**
 * Splits credentials into one issue target per repository. A git finding belongs to the
 * repository named by its origin when that name is a known repository (sweeps); everything
 * else belongs to `fallback` (the repository the Action runs in, or `--issues-repo`).
 * Paired parts (an AWS key ID and its secret, a client ID and its secret) share one issue:
 * rotating one means rotating the other.
 */
export function issueTargets(credentials: Credential[], known: Map<string, RepoInfo>, fallback?: RepoInfo): IssueTarget[] {
  const out: IssueTarget[] = [];
  for (const group of pairGroups(credentials)) {
    const byRepo = new Map<string, { info: RepoInfo; parts: Map<Credential, Finding[]> }>();
    for (const c of group) {
      for (const f of c.findings) {
        const info = (f.origin.kind === 'git' ? known.get(f.origin.repo) : undefined) ?? fallback;
        if (!info) throw new Error(`no repository to open an issue in for ${describe(f)}: pass --issues-repo OWNER/NAME (or run inside GitHub Actions)`);
        let g = byRepo.get(info.fullName);
        if (!g) byRepo.set(info.fullName, (g = { info, parts: new Map() }));
        g.parts.set(c, [...(g.parts.get(c) ?? []), f]);
      }
    }
    for (const { info, parts } of byRepo.values()) {
      // The issue is the group's lead credential's; a repository holding only a partner still gets one.
      const present = group.filter((c) => parts.has(c));
      const [lead, ...rest] = present;
      const findings = parts.get(lead)!;
      const others: IssuePart[] = rest.map((c) => ({ credential: c, findings: parts.get(c)!, live: liveIn(c, info.fullName, parts.get(c)!) }));
      out.push({ repo: info.fullName, htmlUrl: info.htmlUrl, credential: lead, findings, live: liveIn(lead, info.fullName, findings) || others.some((p) => p.live), parts: others });
    }
  }
  return out.sort((a, b) => a.repo.localeCompare(b.repo) || a.credential.fingerprint.localeCompare(b.credential.fingerprint));
}

/**
 * Credentials linked by `pairedWith` (either way), each group led by its worst part, a secret
 * before the identifier it pairs with. Unpaired credentials are groups of one.
 */
export function pairGroups(credentials: Credential[]): Credential[][] {
  const byFp = new Map(credentials.map((c) => [c.fingerprint, c]));
  const parent = new Map<string, string>(credentials.map((c) => [c.fingerprint, c.fingerprint]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const c of credentials) {
    for (const f of c.findings) {
      const p = f.pairedWith?.fingerprint;
      if (p && byFp.has(p)) parent.set(find(p), find(c.fingerprint));
    }
  }
  const groups = new Map<string, Credential[]>();
  for (const c of credentials) groups.set(find(c.fingerprint), [...(groups.get(find(c.fingerprint)) ?? []), c]);
  const pairs = (c: Credential) => c.findings.some((f) => f.pairedWith && byFp.has(f.pairedWith.fingerprint));
  return [...groups.values()].map((g) =>
    g.sort((a, b) => SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity] || Number(pairs(b)) - Number(pairs(a)) || a.fingerprint.localeCompare(b.fingerprint)),
  );
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
