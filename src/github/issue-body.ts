import { createHash } from 'node:crypto';
import type { Finding, Origin } from '../types.js';
import type { Credential, Severity } from '../hygiene/types.js';
import { SEVERITY_ORDER } from '../hygiene/types.js';
import { containerLabel, earlierSummary, placeAnchor, rollupLocations, type PlaceRollup } from '../report/rollup.js';
import { publicContext, publicName } from '../report/public-name.js';
import { rotationLink } from '../report/rotation-links.js';
import { renderMarker } from './marker.js';
import { CREDENTIAL_FLAGS, type CredentialFlag } from '../vocabulary/flags.js';

/** A credential that belongs in another's issue: the other half of a pair (key ID and secret). */
export interface IssuePart {
  credential: Credential;
  /** Its findings in this repository. */
  findings: Finding[];
  live: boolean;
}

/** One issue's worth: a credential (with its paired parts) as seen in one repository. */
export interface IssueTarget {
  /** `owner/name` the issue lives in. */
  repo: string;
  /** Web root of the repository (`https://github.com/owner/name`) for commit and blob links. */
  htmlUrl: string;
  /** The lead credential: its fingerprint keys the issue. */
  credential: Credential;
  /** The credential's findings in this repository. */
  findings: Finding[];
  /** Still live in this repository (reopen if closed); any part counts. */
  live: boolean;
  /** Paired parts found in this repository, besides the lead. */
  parts?: IssuePart[];
}

export interface IssueContent {
  title: string;
  body: string;
  labels: string[];
  /** Digest of what the issue says, minus wording that drifts by itself (age in days). */
  state: string;
}

export const BASE_LABEL = 'credsweep';
export const LABEL_COLORS: Record<string, string> = { [BASE_LABEL]: 'b60205', critical: 'b60205', high: 'd93f0b', medium: 'fbca04', low: 'c5def5', flag: '5319e7' };

export function labelsFor(c: Credential, severity: Severity = c.severity, flags: CredentialFlag[] = c.flags): string[] {
  return [BASE_LABEL, `severity:${severity}`, ...[...flags].sort().map((f) => `credsweep:${f}`)];
}

/** Places listed per part; the rest are counted. */
const MAX_PLACES = 30;

/** The worst severity of the issue's parts: the issue is as urgent as its worst half. */
export function targetSeverity(t: IssueTarget): Severity {
  return [t.credential, ...(t.parts ?? []).map((p) => p.credential)].reduce<Severity>((w, c) => (SEVERITY_ORDER[c.severity] > SEVERITY_ORDER[w] ? c.severity : w), 'low');
}

/** Title and body of the issue for one credential in one repository. Preview and fingerprint only, never the value; no local paths. */
export function renderIssue(t: IssueTarget): IssueContent {
  const c = t.credential;
  const parts = [{ credential: c, findings: t.findings, live: t.live }, ...(t.parts ?? [])];
  const severity = targetSeverity(t);
  const flags = [...new Set(parts.flatMap((p) => p.credential.flags))].sort();
  const local = localNames(parts.flatMap((p) => p.findings));
  const clean = (s: string) => scrubLocal(s, local, t.repo);
  const rolled = parts.map((p) => ({ ...p, places: rollupLocations(p.findings) }));
  const lead = rolled[0].places[0];
  const more = rolled[0].places.length > 1 ? ` (+${rolled[0].places.length - 1} more)` : '';
  const names = parts.map((p) => p.credential.ruleName);
  const title = `Leaked ${names.join(' + ')} (${c.provider}) in ${lead ? lead.path : t.repo}${more}`;
  const labels = labelsFor(c, severity, flags);
  const otherContexts = [...new Set(parts.flatMap((p) => p.credential.contexts))]
    .filter((x) => !x.endsWith(t.repo))
    .map(publicContext)
    .filter((x): x is string => !!x)
    .sort();
  const placeLines = rolled.flatMap((p) => p.places.map((pl) => placeLine(pl, t.htmlUrl)));
  const state = digest({ title, labels, placeLines, flags, reasons: flags.map((f) => clean(reasonOf(parts, f))), contexts: otherContexts, severity, live: t.live });

  const facts: Array<[string, string]> = [
    ['Severity', `**${severity}**`],
    ['Rule', parts.map((p) => `\`${p.credential.ruleId}\` (${p.credential.ruleName}, ${p.credential.confidence} confidence)`).join('<br>')],
    ['Preview', parts.map((p) => `\`${p.credential.preview}\``).join('<br>')],
    ['Fingerprint', parts.map((p) => `\`${p.credential.fingerprint}\``).join('<br>')],
    ['Flags', flags.length ? flags.map((f) => `\`${f}\``).join(', ') : 'none'],
    ['Still in the default branch / current artifact', t.live ? 'yes' : 'no (history or hidden layers only)'],
  ];
  const first = firstSeen(rolled.flatMap((p) => p.places), c);
  if (first) facts.push(['First seen', `${first.date.slice(0, 10)}${first.commit ? ` in ${commitLink(first.commit, t.htmlUrl)}` : ''}${c.ageDays !== undefined ? ` (${c.ageDays} days old when this issue was last updated)` : ''}`]);
  if (c.expiresAt) facts.push(['Expires', c.expiresAt.slice(0, 10)]);
  if (otherContexts.length) facts.push(['Also found in', otherContexts.map((x) => `\`${x}\``).join(', ')]);

  const pairText = parts.length > 1 ? `, with its paired ${parts.slice(1).map((p) => `**${p.credential.ruleName}**`).join(' and ')},` : '';
  const lines = [
    renderMarker({ fingerprint: c.fingerprint, state, live: t.live }),
    `credsweep found a **${c.ruleName}** (${c.provider})${pairText} committed in this repository. The value is not shown here: only a preview and its fingerprint.`,
    '',
    '| | |',
    '|---|---|',
    ...facts.map(([k, v]) => `| ${k} | ${v} |`),
    '',
  ];
  if (flags.length) {
    lines.push('### Why it is flagged', '');
    for (const f of flags) lines.push(`- **${f}**: ${clean(reasonOf(parts, f))}`);
    lines.push('');
  }
  const total = rolled.reduce((n, p) => n + p.places.length, 0);
  lines.push(`### Locations (${total} ${total === 1 ? 'place' : 'places'}, live first)`, '');
  for (const p of rolled) {
    if (rolled.length > 1) lines.push(`**${p.credential.ruleName}** \`${p.credential.preview}\``, '');
    for (const pl of p.places.slice(0, MAX_PLACES)) lines.push(placeLine(pl, t.htmlUrl));
    if (p.places.length > MAX_PLACES) lines.push(`- … and ${p.places.length - MAX_PLACES} more places (\`credsweep scan … --format json\` lists every location)`);
    lines.push('');
  }
  lines.push('### Remediation', '', ...remediation(parts.map((p) => p.credential), parts.flatMap((p) => p.findings)), '');
  lines.push(`<sub>Opened by credsweep. To accept a false positive, add ${parts.map((p) => `\`${p.credential.fingerprint}\``).join(' and ')} to \`.credsweepignore\`.</sub>`, '');
  return { title, body: lines.join('\n'), labels, state };
}

function reasonOf(parts: IssuePart[], f: CredentialFlag): string {
  for (const p of parts) if (p.credential.reasons[f]) return p.credential.reasons[f]!;
  return CREDENTIAL_FLAGS[f].explain;
}

/** The oldest dated version among the places, else the credential's own first-seen date (which may come from inside it). */
function firstSeen(places: PlaceRollup[], c: Credential): { date: string; commit?: string } | undefined {
  const dated = places.filter((p) => p.since).sort((a, b) => a.since!.localeCompare(b.since!));
  if (dated[0]) return { date: dated[0].since!, commit: dated[0].sinceCommit };
  return c.firstSeen ? { date: c.firstSeen } : undefined;
}

function remediation(creds: Credential[], findings: Finding[]): string[] {
  const kinds = new Set(findings.map((f) => f.origin.kind));
  const links = [...new Map(creds.map((c) => rotationLink(c.ruleId)).filter((l) => !!l).map((l) => [l!.url, l!])).values()];
  const where = links.length ? ` (${links.map((l) => `[${l.title}](${l.url})`).join(', ')})` : '';
  const both = creds.length > 1 ? ' Rotate the pair together: a new secret comes with a new ID.' : '';
  const steps = [`1. **Rotate first**: revoke or rotate the credential at the provider${where}, and update whatever uses it. Removing it from code does not make it safe; it has been exposed.${both}`];
  steps.push('2. Remove it from the current code and load it from a secret store or CI secret instead.');
  if (kinds.has('git')) steps.push(`${steps.length + 1}. Purge it from git history (\`git filter-repo --replace-text\` or BFG), force-push, and ask forks and clones to re-clone.`);
  if (kinds.has('image') || kinds.has('image-config')) steps.push(`${steps.length + 1}. Rebuild and republish the affected images without the secret (build secrets, not build args or layers), and delete the old tags.`);
  if (kinds.has('helm')) steps.push(`${steps.length + 1}. Move chart values to an external secret (Sealed Secrets, External Secrets, SOPS) and republish the chart.`);
  steps.push(`${steps.length + 1}. Check the provider's audit log for use of the old credential since it was exposed.`);
  return steps;
}

/** `- [path:line:col](blob link) · added abc1234 2024-01-02` then, indented, the earlier versions. */
export function placeLine(p: PlaceRollup, htmlUrl: string): string {
  const f = p.current.findings[0];
  const o = f.origin;
  const anchor = placeAnchor(p);
  const link = o.kind === 'git' && p.current.commit ? `[\`${anchor}\`](${htmlUrl}/blob/${p.current.commit}/${encodePath(o.path)}#L${f.line})` : `\`${anchor}\``;
  const yaml = f.yamlPath ? ` (yaml \`${f.yamlPath}\`)` : '';
  const where = o.kind === 'git' || o.kind === 'file' ? '' : ` in ${containerText(p, o)}`;
  const added = p.current.commit ? ` · added in ${commitLink(p.current.commit, htmlUrl)}${p.current.date ? ` on ${p.current.date.slice(0, 10)}` : ''}` : '';
  const hist = p.live ? '' : ' · history only';
  const earlier = earlierSummary(p, (sha) => commitLink(sha, htmlUrl));
  return `- ${link}${yaml}${where}${added}${hist}${earlier ? `\n  - ${earlier}` : ''}`;
}

function containerText(p: PlaceRollup, o: Origin): string {
  if (o.kind === 'helm') return `chart \`${o.chart}${o.version ? `@${o.version}` : ''}\`${o.environment ? ` [${o.environment}]` : ''}`;
  return `\`${containerLabel(p)}\``;
}

const commitLink = (sha: string, htmlUrl: string) => `[${sha.slice(0, 7)}](${htmlUrl}/commit/${sha})`;

/** Local paths the findings name (a clone's folder, a scanned folder or archive): never written to an issue. */
function localNames(findings: Finding[]): string[] {
  const out = new Set<string>();
  for (const f of findings) {
    const o = f.origin;
    const n = o.kind === 'git' ? o.repo : o.kind === 'file' ? o.root : o.kind === 'helm' ? o.source : undefined;
    // A bare `.` or `..` is too short to replace safely; a clone path, './repo' or '/tmp/x' is not.
    if (n && !publicName(n) && n.replace(/[./\\]/g, '').length > 0) out.add(n);
  }
  return [...out].sort((a, b) => b.length - a.length);
}

function scrubLocal(text: string, locals: string[], repo: string): string {
  let s = text;
  for (const l of locals) s = s.split(l).join(repo);
  return s;
}

function encodePath(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}

function digest(x: unknown): string {
  return createHash('sha256').update(JSON.stringify(x)).digest('hex').slice(0, 16);
}
