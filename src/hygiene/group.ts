import type { Finding, FindingContext } from '../types.js';
import { CONFIDENCE_ORDER } from '../types.js';
import type { Credential, Severity } from './types.js';

/** Groups findings by fingerprint: one record per secret. Pure. */
export function groupByFingerprint(findings: Finding[]): Credential[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const g = groups.get(f.fingerprint);
    if (g) g.push(f);
    else groups.set(f.fingerprint, [f]);
  }
  return [...groups.values()].map((fs) => {
    // A provider rule names the credential better than a generic rule or a structural
    // hygiene finding (`slack-bot-token` beats `literal-secret-env`, `postgres-url` beats
    // `generic-password` for the same value); then confidence.
    const rank = (f: Finding) => (f.kind === 'rule' ? 10 : 0) + (f.provider === 'generic' ? 0 : 5) + CONFIDENCE_ORDER[f.confidence];
    const best = fs.reduce((a, b) => (rank(b) > rank(a) ? b : a));
    const context = sharedContext(fs);
    return {
      fingerprint: best.fingerprint,
      ruleId: best.ruleId,
      ruleName: best.ruleName,
      provider: best.provider,
      kind: best.kind,
      preview: best.preview,
      confidence: best.confidence,
      severity: baseSeverity(best),
      ...(context ? { context } : {}),
      findings: fs,
      contexts: [],
      inHead: true,
      live: true,
      flags: [],
      reasons: {},
    };
  });
}

function baseSeverity(f: Finding): Severity {
  return f.confidence === 'high' ? 'high' : f.confidence === 'medium' ? 'medium' : 'low';
}

/** The context most findings share, when every finding has one; undefined when any sits in ordinary code. */
function sharedContext(fs: Finding[]): FindingContext | undefined {
  if (fs.some((f) => !f.context)) return undefined;
  const n = new Map<FindingContext, number>();
  for (const f of fs) n.set(f.context!, (n.get(f.context!) ?? 0) + 1);
  return [...n].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}
