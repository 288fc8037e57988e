import type { Credential } from './types.js';
import { SEVERITY_ORDER } from './types.js';
import type { FailPolicy } from '../policy/fail-on.js';

/** Whether a run's credentials meet the fail policy (`new` counted against the inventory's new ones). */
export function shouldFail(p: FailPolicy, creds: Credential[], newFingerprints?: Set<string>): boolean {
  return creds.some(
    (c) =>
      p.any ||
      (p.minSeverity !== undefined && SEVERITY_ORDER[c.severity] >= SEVERITY_ORDER[p.minSeverity]) ||
      p.flags.some((f) => c.flags.includes(f)) ||
      (p.onNew && (newFingerprints ? newFingerprints.has(c.fingerprint) : true)),
  );
}
