import type { Finding } from '../../types.js';
import type { Credential } from '../../hygiene/types.js';
import type { Report } from '../model.js';
import { describeOrigin, originPath } from '../origin.js';

/** One place a credential sits, rolled up by path: its newest occurrence and how many more. */
export interface HtmlLocation {
  path: string;
  where: string;
  line: number;
  /** Link to the blob on GitHub when the origin names a GitHub repository and commit. */
  url?: string;
  live: boolean;
  versions: number;
}

export interface HtmlCredential {
  fp: string;
  rule: string;
  name: string;
  provider: string;
  severity: Credential['severity'];
  confidence: Credential['confidence'];
  flags: string[];
  reasons: Record<string, string>;
  preview: string;
  ageDays?: number;
  maxAgeDays?: number;
  firstSeen?: string;
  lastSeen?: string;
  expiresAt?: string;
  contexts: string[];
  baselined: boolean;
  locations: HtmlLocation[];
}

export interface HtmlModel {
  target: Report['target'];
  startedAt: string;
  version: string;
  stats: Report['stats'];
  credentials: HtmlCredential[];
  errors: Report['errors'];
  skipped: number;
  ignored: number;
}

const GITHUB_REPO = /^[\w.-]+\/[\w.-]+$/;

function urlOf(f: Finding): string | undefined {
  if (f.origin.kind !== 'git' || !GITHUB_REPO.test(f.origin.repo)) return undefined;
  const commit = f.origin.commits[0]?.commit;
  if (!commit) return undefined;
  const path = f.origin.path.split('/').map(encodeURIComponent).join('/');
  return `https://github.com/${f.origin.repo}/blob/${commit}/${path}#L${f.line}`;
}

const isLive = (f: Finding) => !(f.origin.kind === 'git' && f.origin.live === false) && !(f.origin.kind === 'image' && f.origin.deletedLater);

/** Findings grouped by path, live ones first, each group shown by its first finding. */
function rollup(findings: Finding[]): HtmlLocation[] {
  const byPath = new Map<string, Finding[]>();
  for (const f of findings) {
    const p = `${f.origin.kind === 'git' ? f.origin.repo : f.origin.kind === 'image' || f.origin.kind === 'image-config' ? f.origin.image : ''}\0${originPath(f.origin)}`;
    byPath.set(p, [...(byPath.get(p) ?? []), f]);
  }
  return [...byPath.values()]
    .map((group) => {
      const first = group.find(isLive) ?? group[0];
      return { path: originPath(first.origin), where: describeOrigin(first.origin), line: first.line, url: urlOf(first), live: group.some(isLive), versions: group.length };
    })
    .sort((a, b) => Number(b.live) - Number(a.live) || a.path.localeCompare(b.path));
}

/** What the page shows: previews and fingerprints only, never a value (reports never hold one without --show-secrets). */
export function htmlModel(r: Report): HtmlModel {
  return {
    target: r.target,
    startedAt: r.startedAt,
    version: r.tool.version,
    stats: r.stats,
    credentials: r.credentials.map((c) => ({
      fp: c.fingerprint,
      rule: c.ruleId,
      name: c.ruleName,
      provider: c.provider,
      severity: c.severity,
      confidence: c.confidence,
      flags: c.flags,
      reasons: c.reasons as Record<string, string>,
      preview: c.preview,
      ageDays: c.ageDays,
      maxAgeDays: c.maxAgeDays,
      firstSeen: c.firstSeen,
      lastSeen: c.lastSeen,
      expiresAt: c.expiresAt,
      contexts: c.contexts,
      baselined: !!c.baselined,
      locations: rollup(c.findings),
    })),
    errors: r.errors,
    skipped: r.skipped.length,
    ignored: r.ignored,
  };
}
