import { createHash } from 'node:crypto';
import type { Finding, Origin } from '../types.js';
import type { Credential } from '../hygiene/types.js';
import { SEVERITY_ORDER } from '../hygiene/types.js';
import type { Report, RuleDoc } from './model.js';
import { SEVERITIES, type Severity } from '../vocabulary/levels.js';
import { CREDENTIAL_FLAGS } from '../vocabulary/flags.js';
import { earlierSummary, placeAnchor, rollupLocations, type PlaceRollup } from './rollup.js';
import { repoRelativePath } from './repo-root.js';
import { rotationLink } from './rotation-links.js';

// SARIF 2.1.0 as GitHub code scanning reads it:
// https://docs.github.com/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
// One result per credential per place (path), the other versions of that place as related
// locations; severity and precision on the rules, where code scanning looks for them.

export const INFORMATION_URI = 'https://github.com/credsweep/credsweep';
/** How many earlier versions a result lists as related locations (code scanning shows up to 100 locations). */
export const MAX_RELATED = 50;

/** uriBaseIds: the repository for files; pseudo roots for what no repository file holds. */
const BASES = {
  '%SRCROOT%': { description: { text: 'The root of the repository that was scanned (or of the scanned folder outside any repository).' } },
  IMAGEROOT: { description: { text: 'Files and configuration inside container images: image/<image reference>/<path in the image>. Not files of this repository.' } },
} as const;

const PRECISION = { low: 'low', medium: 'medium', high: 'high' } as const;

export function renderSarif(r: Report): string {
  const creds = [...r.credentials].sort((a, b) => SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity] || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint));
  const ruleIds = [...new Set(creds.map((c) => c.ruleId))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const rules = ruleIds.map((id) => ruleDescriptor(id, creds.filter((c) => c.ruleId === id), r.rules?.[id], r.tool.version));
  const results = creds.flatMap((c) => rollupLocations(c.findings).map((p) => result(c, p, ruleIndex.get(c.ruleId)!, r.showSecrets)));
  const doc = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'credsweep', version: r.tool.version, semanticVersion: r.tool.version, informationUri: INFORMATION_URI, rules } },
        automationDetails: { id: `credsweep/${r.target.kind}/${r.startedAt}` },
        originalUriBaseIds: BASES,
        results,
        invocations: [
          {
            executionSuccessful: r.errors.length === 0,
            toolExecutionNotifications: r.errors.map((e) => ({ level: 'error', message: { text: `${e.where}: ${e.message}` } })),
          },
        ],
      },
    ],
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

function ruleDescriptor(id: string, creds: Credential[], doc: RuleDoc | undefined, version: string) {
  const c = creds[0];
  const worst = creds.reduce<Severity>((w, x) => (SEVERITY_ORDER[x.severity] > SEVERITY_ORDER[w] ? x.severity : w), 'low');
  const confidence = doc?.confidence ?? c.confidence;
  const precision = doc?.validated || c.findings.some((f) => f.validated) ? 'very-high' : PRECISION[confidence];
  const link = rotationLink(id);
  const what = doc?.description ?? `${c.ruleName} (${c.provider}).`;
  const helpUri = link?.url ?? (doc?.file ? `${INFORMATION_URI}/blob/v${version}/detectors/${doc.file}` : `${INFORMATION_URI}#remediation`);
  return {
    id,
    name: id.replace(/(^|-)([a-z0-9])/g, (_m, _d, ch: string) => ch.toUpperCase()),
    shortDescription: { text: c.ruleName },
    fullDescription: { text: `${c.ruleName} (${c.provider}). ${what}` },
    defaultConfiguration: { level: SEVERITIES[worst].sarifLevel },
    help: { text: helpText(c, what, link?.url), markdown: helpMarkdown(c, what, link) },
    helpUri,
    properties: {
      // Code scanning ranks alerts by the rule's score; a rule scores as its worst credential in this run.
      'security-severity': SEVERITIES[worst].securitySeverity,
      precision,
      tags: ['security', 'secret', 'external/cwe/cwe-798', c.provider, c.kind].filter((t, i, a) => a.indexOf(t) === i),
    },
  };
}

function helpText(c: Credential, what: string, url?: string): string {
  return `${c.ruleName} (${c.provider}). ${what} Rotate it first: revoke it at the provider${url ? ` (${url})` : ''} and update what uses it; then remove it from the code and load it from a secret store; purge it from history and images. credsweep reports a preview and a fingerprint, never the value.`;
}

function helpMarkdown(c: Credential, what: string, link?: { url: string; title: string }): string {
  return [
    `## ${c.ruleName}`,
    '',
    `**Provider:** ${c.provider}. ${what}`,
    '',
    '### How to fix',
    '',
    `1. **Rotate first.** Revoke or rotate the credential at the provider${link ? ` ([${link.title}](${link.url}))` : ''} and update whatever uses it. Removing it from the code does not make it safe: it has been exposed.`,
    '2. Remove it from the code and load it from a secret store or a CI secret instead.',
    '3. If it is in git history, purge it (`git filter-repo --replace-text`) and force-push; if it is in an image, rebuild without it and delete the old tags.',
    "4. Check the provider's audit log for use of the old credential since it was exposed.",
    '',
    '### Flags',
    '',
    ...Object.entries(CREDENTIAL_FLAGS).map(([f, spec]) => `- \`${f}\`: ${spec.help}`),
    '',
    'credsweep never prints the value: the alert shows a preview and the fingerprint. To accept a false positive, add the fingerprint to `.credsweepignore`.',
  ].join('\n');
}

function result(c: Credential, p: PlaceRollup, ruleIndex: number, showSecrets: boolean) {
  const f = p.current.findings[0];
  const value = showSecrets && f.secret ? f.secret : c.preview;
  const earlier = earlierSummary(p);
  // Flag names only: the reasons (often long) are in properties.reasons, once.
  const flags = c.flags.length ? ` Flags: ${c.flags.join(', ')}.` : '';
  const related = [
    ...p.current.findings.slice(1).map((x) => ({ f: x, text: 'The same value again in this version.' })),
    ...p.earlier.map((v) => ({ f: v.findings[0], text: `Earlier version${v.commit ? ` added in ${v.commit.slice(0, 10)}` : ''}${v.date ? ` on ${v.date.slice(0, 10)}` : ''}.` })),
  ];
  const uri = artifactUri(f.origin);
  return {
    ruleId: c.ruleId,
    ruleIndex,
    level: SEVERITIES[c.severity].sarifLevel,
    message: {
      text: `${c.ruleName} ${value} (fingerprint ${c.fingerprint.slice(0, 16)}) at ${placeAnchor(p)}${p.live ? '' : ' (history only)'}${earlier ? `; ${earlier}` : ''}.${flags}`,
    },
    locations: [location(f, uri)],
    ...(related.length
      ? {
          relatedLocations: related.slice(0, MAX_RELATED).map((x, i) => ({ id: i + 1, ...location(x.f, artifactUri(x.f.origin)), message: { text: x.text } })),
        }
      : {}),
    // Accepted debt in the baseline file: shown to code scanning as suppressed, not hidden.
    ...(c.baselined ? { suppressions: [{ kind: 'external', justification: 'listed in the credsweep baseline file' }] } : {}),
    partialFingerprints: {
      'credsweep/fingerprint/v1': c.fingerprint,
      // Code scanning tracks an alert by this hash; a line-independent one keeps one alert per
      // credential per place however the file around it changes. Derived from the keyed fingerprint.
      primaryLocationLineHash: `${createHash('sha256').update(`${c.fingerprint}\0${uri.base}\0${uri.uri}`).digest('hex').slice(0, 16)}:1`,
    },
    properties: {
      'security-severity': SEVERITIES[c.severity].securitySeverity,
      severity: c.severity,
      confidence: c.confidence,
      validated: f.validated,
      kind: c.kind,
      flags: c.flags,
      ...(c.flags.length ? { reasons: c.reasons } : {}),
      ...(c.ageDays !== undefined ? { ageDays: c.ageDays } : {}),
      ...(c.firstSeen ? { firstSeen: c.firstSeen } : {}),
      contexts: c.contexts,
      ...(f.yamlPath ? { yamlPath: f.yamlPath } : {}),
      ...(f.pairedWith ? { pairedWith: { ruleId: f.pairedWith.ruleId, fingerprint: f.pairedWith.fingerprint } } : {}),
      versions: 1 + p.earlier.length,
      origin: compactOrigin(f.origin, p),
    },
  };
}

function location(f: Finding, u: { uri: string; base: string }) {
  return {
    physicalLocation: {
      artifactLocation: { uri: u.uri, uriBaseId: u.base },
      region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
    },
    ...(f.origin.kind === 'image-config' ? { logicalLocations: [{ fullyQualifiedName: f.origin.field, kind: 'member' }] } : {}),
  };
}

const encodePath = (p: string) => p.split('/').filter((s) => s !== '' && s !== '.').map(encodeURIComponent).join('/');

/** A relative URI code scanning can place: repository paths for files; `image/<ref>/…` for what lives in images. */
export function artifactUri(o: Origin): { uri: string; base: keyof typeof BASES } {
  switch (o.kind) {
    case 'git':
      return { uri: encodePath(o.path), base: '%SRCROOT%' };
    case 'file':
      return { uri: encodePath(repoRelativePath(o.root, o.path)), base: '%SRCROOT%' };
    case 'helm':
      return { uri: encodePath(repoRelativePath(o.source, o.path)), base: '%SRCROOT%' };
    case 'image':
      return { uri: `image/${encodeURIComponent(o.image)}/${encodePath(o.path)}`, base: 'IMAGEROOT' };
    case 'image-config':
      return { uri: `image/${encodeURIComponent(o.image)}/config.json`, base: 'IMAGEROOT' };
  }
}

/** Where the shown version came from, without every ref or commit that reaches it. */
function compactOrigin(o: Origin, p: PlaceRollup): Record<string, unknown> {
  switch (o.kind) {
    case 'git':
      return { kind: 'git', repo: o.repo, blob: o.blob, commit: p.current.commit, date: p.current.date, live: o.live !== false, commits: o.commitCount ?? o.commits.length };
    case 'image':
      return { kind: 'image', image: o.image, layer: o.layer.index, digest: o.layer.digest, deletedLater: o.deletedLater, ...(o.platform ? { platform: o.platform } : {}) };
    case 'image-config':
      return { kind: 'image-config', image: o.image, field: o.field, ...(o.platform ? { platform: o.platform } : {}) };
    case 'helm':
      return { kind: 'helm', chart: o.chart, version: o.version, environment: o.environment, subchart: o.subchart };
    case 'file':
      return { kind: 'file' };
  }
}
