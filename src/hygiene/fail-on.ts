import type { CredentialFlag } from '../types.js';
import type { Credential, Severity } from './types.js';
import { SEVERITY_ORDER } from './types.js';

const SEVERITIES = ['low', 'medium', 'high', 'critical'];
const FLAGS = ['stale', 'shared', 'expired', 'rotated', 'history-only', 'hidden-layer'];

export interface FailPolicy {
  minSeverity?: Severity;
  flags: CredentialFlag[];
  /** Fail on credentials the inventory has not seen before. */
  onNew: boolean;
  any: boolean;
}

/**
 * `--fail-on` is a comma list of conditions, any of which fails the run: a severity
 * (`high` = high or critical), a flag (`stale`, `shared`, ...), `new` (with --db), `any`, or `none`.
 */
export function parseFailOn(text: string): FailPolicy {
  const p: FailPolicy = { flags: [], onNew: false, any: false };
  for (const raw of text.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)) {
    if (raw === 'none') continue;
    if (raw === 'any') p.any = true;
    else if (raw === 'new') p.onNew = true;
    else if (SEVERITIES.includes(raw)) {
      const s = raw as Severity;
      if (!p.minSeverity || SEVERITY_ORDER[s] < SEVERITY_ORDER[p.minSeverity]) p.minSeverity = s;
    } else if (FLAGS.includes(raw)) p.flags.push(raw as CredentialFlag);
    else throw new Error(`invalid --fail-on condition '${raw}': use none, any, new, ${SEVERITIES.join(', ')} or ${FLAGS.join(', ')}`);
  }
  return p;
}

export function shouldFail(p: FailPolicy, creds: Credential[], newFingerprints?: Set<string>): boolean {
  return creds.some(
    (c) =>
      p.any ||
      (p.minSeverity !== undefined && SEVERITY_ORDER[c.severity] >= SEVERITY_ORDER[p.minSeverity]) ||
      p.flags.some((f) => c.flags.includes(f)) ||
      (p.onNew && (newFingerprints ? newFingerprints.has(c.fingerprint) : true)),
  );
}
