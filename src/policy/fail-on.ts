import type { CredentialFlag } from '../types.js';
import { SEVERITY_NAMES, SEVERITY_ORDER, type Severity } from '../vocabulary/levels.js';
import { FLAG_NAMES } from '../vocabulary/flags.js';

const SEVERITIES: string[] = SEVERITY_NAMES;
const FLAGS: string[] = FLAG_NAMES;

/** The --fail-on help, from the vocabularies. */
export const FAIL_ON_HELP = `comma list, any of which fails the run: none, any, new (with --db), ${SEVERITY_NAMES.join('|')} (that severity or worse), or a flag: ${FLAG_NAMES.join(', ')}`;

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

