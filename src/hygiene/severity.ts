import type { Confidence, CredentialFlag, FindingContext } from '../types.js';
import type { Severity } from './types.js';
import { CREDENTIAL_FLAGS, type FlagSpec } from '../vocabulary/flags.js';

const BY_SCORE: Severity[] = ['low', 'low', 'medium', 'high', 'critical'];
const BASE: Record<Confidence, number> = { low: 1, medium: 2, high: 3 };

/**
 * Severity = rule confidence x liveness x age x spread, as a small score:
 *   start from the confidence (low 1, medium 2, high 3);
 *   then add each flag's `severityEffect` (vocabulary/flags.ts): +1 stale (the longer a
 *   live key exists, the more copies of it are out there), +1 shared (one leak opens several
 *   places), -1 history-only (still a leak, no longer deployed), -1 expired (it opens nothing
 *   today);
 * then clamp to 1..4: 1 low, 2 medium, 3 high, 4 critical. So a validated token that is
 * live, fresh and in one place is high; stale or shared makes it critical; a high-confidence
 * token left only in history is medium.
 *
 * A credential found only in tests, vendored code, docs, examples or generated code had its
 * confidence lowered by the engine already; staleness and spread do not raise it again (a
 * fixture committed years ago and copied into three repositories is still a fixture), so it
 * stays at medium or below.
 *
 * With --verify: `active` starts the score at high whatever the rule's confidence or context
 * (the provider accepted it: it is no fixture) and cancels history-only's -1 (history still
 * hands it out), so stale + active is critical; `inactive` is -1 and cancels stale's +1 (the
 * provider already revoked it). A hidden image layer ships with the image: it has no effect
 * and is never history-only.
 */
export function severityOf(confidence: Confidence, flags: CredentialFlag[], context?: FindingContext): Severity {
  const spec = (f: CredentialFlag): FlagSpec => CREDENTIAL_FLAGS[f];
  const verified = flags.some((f) => spec(f).confidenceFloor);
  const ctx = verified ? undefined : context;
  let s = BASE[verified ? 'high' : confidence];
  for (const f of flags) {
    if (spec(f).cancelledBy?.some((c) => flags.includes(c as CredentialFlag))) continue;
    const effect = spec(f).severityEffect;
    if (ctx && effect > 0) continue;
    s += effect;
  }
  return BY_SCORE[Math.min(ctx ? 2 : 4, Math.max(1, s))];
}
