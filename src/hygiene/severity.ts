import type { Confidence, CredentialFlag, FindingContext } from '../types.js';
import type { Severity } from './types.js';
import { CREDENTIAL_FLAGS } from '../vocabulary/flags.js';

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
 */
export function severityOf(confidence: Confidence, flags: CredentialFlag[], context?: FindingContext): Severity {
  let s = BASE[confidence];
  for (const f of flags) {
    const effect = CREDENTIAL_FLAGS[f].severityEffect;
    if (context && effect > 0) continue;
    s += effect;
  }
  return BY_SCORE[Math.min(context ? 2 : 4, Math.max(1, s))];
}
