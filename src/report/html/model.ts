import type { Finding } from '../../types.js';
import type { Credential } from '../../hygiene/types.js';
import type { Report } from '../model.js';
import { describeOrigin } from '../origin.js';
import { rollupLocations } from '../rollup.js';

/** One place a credential sits, rolled up by path: its current version and how many versions in all. */
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

/** One row per place (the shared rollup): its current version, how many versions in all. */
function locations(findings: Finding[]): HtmlLocation[] {
  return rollupLocations(findings).map((p) => {
    const first = p.current.findings[0];
    return { path: p.path, where: describeOrigin(first.origin), line: first.line, url: urlOf(first), live: p.live, versions: 1 + p.earlier.length };
  });
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
      locations: locations(c.findings),
    })),
    errors: r.errors,
    skipped: r.skipped.length,
    ignored: r.ignored,
  };
}
