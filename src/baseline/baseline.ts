import type { Credential } from '../hygiene/types.js';
import type { BaselineEntry } from './baseline-file.js';

export const WRITTEN_PREFIX = 16;

/** Matches credentials against baseline entries (by fingerprint prefix) and remembers which entries were used. */
export class Baseline {
  private readonly used = new Set<BaselineEntry>();
  constructor(readonly file: string | undefined, readonly entries: BaselineEntry[]) {}

  entryFor(c: Pick<Credential, 'fingerprint'>): BaselineEntry | undefined {
    const e = this.entries.find((x) => c.fingerprint.startsWith(x.fingerprint));
    if (e) this.used.add(e);
    return e;
  }

  unused(): BaselineEntry[] {
    return this.entries.filter((e) => !this.used.has(e));
  }
}

/**
 * The baseline a report's credentials make: existing entries keep their reason (and their
 * prefix); new credentials get an empty reason to fill in; entries nothing matched are dropped.
 */
export function baselineOf(creds: Array<Pick<Credential, 'fingerprint' | 'ruleId'> & { location: string }>, previous: BaselineEntry[]): BaselineEntry[] {
  return creds.map((c) => {
    const old = previous.find((e) => c.fingerprint.startsWith(e.fingerprint));
    return { ruleId: c.ruleId, fingerprint: old?.fingerprint ?? c.fingerprint.slice(0, WRITTEN_PREFIX), location: c.location, reason: old?.reason ?? '' };
  });
}
