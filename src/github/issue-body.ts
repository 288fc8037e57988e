import { createHash } from 'node:crypto';
import type { Finding } from '../types.js';
import type { Credential } from '../hygiene/types.js';
import { originPath } from '../report/origin.js';
import { renderMarker } from './marker.js';
import { CREDENTIAL_FLAGS } from '../vocabulary/flags.js';

/** One issue's worth: a credential as seen in one repository. */
export interface IssueTarget {
  /** `owner/name` the issue lives in. */
  repo: string;
  /** Web root of the repository (`https://github.com/owner/name`) for commit and blob links. */
  htmlUrl: string;
  credential: Credential;
  /** The credential's findings in this repository. */
  findings: Finding[];
  /** Still live in this repository (reopen if closed). */
  live: boolean;
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

export function labelsFor(c: Credential): string[] {
  return [BASE_LABEL, `severity:${c.severity}`, ...[...c.flags].sort().map((f) => `credsweep:${f}`)];
}

const MAX_LOCATIONS = 50;
const MAX_COMMITS = 5;

/** Title and body of the issue for one credential in one repository. Preview and fingerprint only, never the value. */
export function renderIssue(t: IssueTarget): IssueContent {
  const c = t.credential;
  const locations = [...new Set(t.findings.map((f) => locationLine(f, t.htmlUrl)))].sort();
  const paths = [...new Set(t.findings.map((f) => originPath(f.origin)))].sort();
  const more = paths.length > 1 ? ` (+${paths.length - 1} more)` : '';
  const title = `Leaked ${c.ruleName} (${c.provider}) in ${paths[0] ?? t.repo}${more}`;
  const labels = labelsFor(c);
  const flags = [...c.flags].sort();
  const otherContexts = c.contexts.filter((x) => !x.endsWith(t.repo)).sort();
  const state = digest({ title, labels, locations, flags, reasons: flags.map((f) => c.reasons[f] ?? ''), contexts: otherContexts, severity: c.severity, live: t.live });

  const facts: Array<[string, string]> = [
    ['Severity', `**${c.severity}**`],
    ['Rule', `\`${c.ruleId}\` (${c.ruleName}, ${c.confidence} confidence)`],
    ['Preview', `\`${c.preview}\``],
    ['Fingerprint', `\`${c.fingerprint}\``],
    ['Flags', flags.length ? flags.map((f) => `\`${f}\``).join(', ') : 'none'],
    ['Still in the default branch / current artifact', t.live ? 'yes' : 'no (history or hidden layers only)'],
  ];
  if (c.firstSeen) facts.push(['First seen', `${c.firstSeen.slice(0, 10)}${c.ageDays !== undefined ? ` (${c.ageDays} days old when this issue was last updated)` : ''}${c.ageEvidence ? `, from ${c.ageEvidence}` : ''}`]);
  if (c.expiresAt) facts.push(['Expires', c.expiresAt.slice(0, 10)]);
  if (otherContexts.length) facts.push(['Also found in', otherContexts.map((x) => `\`${x}\``).join(', ')]);

  const lines = [
    renderMarker({ fingerprint: c.fingerprint, state, live: t.live }),
    `credsweep found a **${c.ruleName}** (${c.provider}) committed in this repository. The value is not shown here: only a preview and its fingerprint.`,
    '',
    '| | |',
    '|---|---|',
    ...facts.map(([k, v]) => `| ${k} | ${v} |`),
    '',
  ];
  if (flags.length) {
    lines.push('### Why it is flagged', '');
    for (const f of flags) lines.push(`- **${f}**: ${c.reasons[f] ?? flagHelp[f] ?? ''}`);
    lines.push('');
  }
  lines.push(`### Locations (${locations.length})`, '');
  for (const l of locations.slice(0, MAX_LOCATIONS)) lines.push(`- ${l}`);
  if (locations.length > MAX_LOCATIONS) lines.push(`- … and ${locations.length - MAX_LOCATIONS} more (run credsweep locally for the full list)`);
  lines.push('', '### Remediation', '', ...remediation(t.findings), '', `<sub>Opened by credsweep. To accept a false positive, add \`${c.fingerprint}\` to \`.credsweepignore\`.</sub>`, '');
  return { title, body: lines.join('\n'), labels, state };
}

const flagHelp: Record<string, string> = Object.fromEntries(Object.entries(CREDENTIAL_FLAGS).map(([k, v]) => [k, v.explain]));

function remediation(findings: Finding[]): string[] {
  const kinds = new Set(findings.map((f) => f.origin.kind));
  const steps = ['1. **Rotate first**: revoke or rotate the credential at the provider, and update whatever uses it. Removing it from code does not make it safe; it has been exposed.'];
  steps.push('2. Remove it from the current code and load it from a secret store or CI secret instead.');
  if (kinds.has('git')) steps.push(`${steps.length + 1}. Purge it from git history (\`git filter-repo --replace-text\` or BFG), force-push, and ask forks and clones to re-clone.`);
  if (kinds.has('image') || kinds.has('image-config')) steps.push(`${steps.length + 1}. Rebuild and republish the affected images without the secret (build secrets, not build args or layers), and delete the old tags.`);
  if (kinds.has('helm')) steps.push(`${steps.length + 1}. Move chart values to an external secret (Sealed Secrets, External Secrets, SOPS) and republish the chart.`);
  steps.push(`${steps.length + 1}. Check the provider's audit log for use of the old credential since it was exposed.`);
  return steps;
}

function locationLine(f: Finding, htmlUrl: string): string {
  const o = f.origin;
  const yaml = f.yamlPath ? ` (yaml \`${f.yamlPath}\`)` : '';
  switch (o.kind) {
    case 'git': {
      const first = o.commits[0];
      const file = first ? `[\`${o.path}:${f.line}\`](${htmlUrl}/blob/${first.commit}/${encodePath(o.path)}#L${f.line})` : `\`${o.path}:${f.line}\``;
      const commits = o.commits.slice(0, MAX_COMMITS).map((c) => `[${c.commit.slice(0, 7)}](${htmlUrl}/commit/${c.commit}) (${c.authorName}, ${c.authorDate.slice(0, 10)})`);
      const total = o.commitCount ?? o.commits.length;
      const extra = total > MAX_COMMITS ? ` and ${total - MAX_COMMITS} more` : '';
      const hist = o.live === false ? ' · history only' : '';
      return `${file}${yaml}${commits.length ? ` · commits ${commits.join(', ')}${extra}` : ''}${hist}`;
    }
    case 'image':
      return `image \`${o.image}\` layer ${o.layer.index} (\`${o.layer.digest.slice(0, 19)}\`) \`${o.path}:${f.line}\`${o.deletedLater ? ` · deleted by layer ${o.hiddenBy ?? '?'} but still shipped` : ''}`;
    case 'image-config':
      return `image \`${o.image}\` config \`${o.field}\``;
    case 'helm':
      return `chart \`${o.chart}${o.version ? `@${o.version}` : ''}\` \`${o.path}:${f.line}\`${yaml}${o.environment ? ` [${o.environment}]` : ''}`;
    case 'file':
      return `\`${o.path}:${f.line}\`${yaml}`;
  }
}

function encodePath(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}

function digest(x: unknown): string {
  return createHash('sha256').update(JSON.stringify(x)).digest('hex').slice(0, 16);
}
