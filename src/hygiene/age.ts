import type { Finding } from '../types.js';
import { embeddedDates, locationDates, type DatedEvidence } from './evidence.js';

export interface Age {
  firstSeen?: string;
  ageEvidence?: string;
  lastSeen?: string;
  lastSeenEvidence?: string;
  ageDays?: number;
  expiresAt?: string;
  expiryEvidence?: string;
}

const DAY_MS = 86_400_000;

/**
 * Age from the earliest evidence of any kind (commit, layer, chart, or a date inside the
 * credential: a token issued before it was committed is as old as its issue date). The last
 * sighting comes from where it was found; a credential with only embedded dates is last seen
 * at its latest embedded date.
 */
export function computeAge(findings: Finding[], now: Date): Age {
  const loc = findings.flatMap(locationDates);
  const all = [...loc, ...findings.flatMap(embeddedDates)];
  const out: Age = {};
  const first = pick(all, (a, b) => a < b);
  if (first) {
    out.firstSeen = first.date;
    out.ageEvidence = first.what;
    out.ageDays = Math.max(0, Math.floor((now.getTime() - Date.parse(first.date)) / DAY_MS));
  }
  const last = pick(loc.length ? loc : all, (a, b) => a > b);
  if (last) {
    out.lastSeen = last.date;
    out.lastSeenEvidence = last.what;
  }
  const exp = findings
    .map((f) => f.dates?.expiresAt)
    .filter((d): d is string => !!d && !Number.isNaN(Date.parse(d)))
    .map((d) => new Date(d).toISOString())
    .sort()[0];
  if (exp) {
    out.expiresAt = exp;
    out.expiryEvidence = findings.some((f) => f.ruleId.startsWith('private-key') && f.dates?.expiresAt) ? 'paired certificate notAfter' : 'expiry (exp) claim';
  }
  return out;
}

function pick(xs: DatedEvidence[], better: (a: string, b: string) => boolean): DatedEvidence | undefined {
  let best: DatedEvidence | undefined;
  for (const x of xs) if (!best || better(x.date, best.date)) best = x;
  return best;
}
