import type { Finding } from '../types.js';
import type { Credential } from '../hygiene/types.js';
import type { Report } from './model.js';
import { describeOrigin, originPath } from './origin.js';

import { SEVERITIES } from '../vocabulary/levels.js';

/** SARIF 2.1.0 as GitHub code scanning accepts it: rules, locations, partialFingerprints. */
export function renderSarif(r: Report): string {
  const credOf = new Map<Finding, Credential>();
  for (const c of r.credentials) for (const f of c.findings) credOf.set(f, c);
  const ruleIds = [...new Set(r.findings.map((f) => f.ruleId))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const sample = new Map(r.findings.map((f) => [f.ruleId, f]));
  const rules = ruleIds.map((id) => {
    const f = sample.get(id)!;
    return {
      id,
      name: id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()),
      shortDescription: { text: f.ruleName },
      fullDescription: { text: `${f.ruleName} (${f.provider}). ${f.kind === 'hygiene' ? 'Credential-hygiene finding.' : 'A credential committed where it does not belong.'}` },
      help: {
        text: 'Rotate the credential first (revoke it at the provider), then remove it from the code, history and images. Use the fingerprint to track it; credsweep never prints the value.',
      },
      properties: { tags: ['security', 'secret', f.provider, f.kind], precision: f.validated ? 'very-high' : 'high' },
    };
  });
  const results = r.findings.map((f) => {
    const c = credOf.get(f);
    const severity = c?.severity ?? 'medium';
    const flags = c?.flags.length ? ` Flags: ${c.flags.join(', ')}.` : '';
    return {
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId),
      level: SEVERITIES[severity].sarifLevel,
      message: {
        text: `${f.ruleName} ${r.showSecrets && f.secret ? f.secret : f.preview} at ${describeOrigin(f.origin)} (fingerprint ${f.fingerprint.slice(0, 16)}).${flags}`,
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(originPath(f.origin)) },
            region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
          },
        },
      ],
      partialFingerprints: { 'credsweep/fingerprint/v1': f.fingerprint },
      properties: {
        'security-severity': SEVERITIES[severity].securitySeverity,
        confidence: f.confidence,
        validated: f.validated,
        kind: f.kind,
        origin: f.origin,
        ...(f.yamlPath ? { yamlPath: f.yamlPath } : {}),
        ...(c ? { severity, flags: c.flags, reasons: c.reasons, contexts: c.contexts, ageDays: c.ageDays, firstSeen: c.firstSeen } : {}),
      },
    };
  });
  const doc = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'credsweep', version: r.tool.version, informationUri: 'https://github.com/credsweep/credsweep', rules } },
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
