import { readFileSync } from 'node:fs';
import type { Finding } from '../types.js';

export interface IgnoreEntry {
  fingerprint: string;
  /** Optional rule id the entry is limited to (`rule-id:fingerprint`). */
  ruleId?: string;
  line: number;
  comment?: string;
}

/**
 * `.credsweepignore`: one content fingerprint (or a prefix of 12+ hex) per line (`FINGERPRINT` or `RULE:FINGERPRINT`,
 * `#` comments). Fingerprints, not line numbers, so an entry survives code moving around.
 * Fingerprints are the same on every machine (or under the team's CREDSWEEP_FINGERPRINT_KEY when one is set).
 */
export class IgnoreList {
  private readonly used = new Set<IgnoreEntry>();
  constructor(readonly file: string | undefined, readonly entries: IgnoreEntry[]) {}

  static load(file: string, required = false): IgnoreList {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      if (!required && (e as NodeJS.ErrnoException).code === 'ENOENT') return new IgnoreList(undefined, []);
      throw new Error(`cannot read ignore file '${file}': ${(e as Error).message}`);
    }
    const entries: IgnoreEntry[] = [];
    text.split(/\r?\n/).forEach((raw, i) => {
      const [body, ...rest] = raw.split('#');
      const t = body.trim();
      if (!t) return;
      const m = /^(?:([a-z0-9-]+):)?([0-9a-f]{12,64})$/.exec(t);
      if (!m) throw new Error(`${file}:${i + 1}: expected a fingerprint (at least its first 12 hex characters, as reports print it), optionally prefixed by 'rule-id:'`);
      entries.push({ ruleId: m[1], fingerprint: m[2], line: i + 1, comment: rest.join('#').trim() || undefined });
    });
    return new IgnoreList(file, entries);
  }

  /** Drops ignored findings and remembers which entries were used. */
  filter(findings: Finding[]): { kept: Finding[]; ignored: number } {
    if (this.entries.length === 0) return { kept: findings, ignored: 0 };
    // Entries may be prefixes (12+ hex, what reports print): index by the shortest length in use.
    const len = Math.min(...this.entries.map((e) => e.fingerprint.length));
    const byFp = new Map<string, IgnoreEntry[]>();
    for (const e of this.entries) byFp.set(e.fingerprint.slice(0, len), [...(byFp.get(e.fingerprint.slice(0, len)) ?? []), e]);
    const kept: Finding[] = [];
    let ignored = 0;
    for (const f of findings) {
      const hit = byFp.get(f.fingerprint.slice(0, len))?.find((e) => f.fingerprint.startsWith(e.fingerprint) && (!e.ruleId || e.ruleId === f.ruleId));
      if (hit) {
        this.used.add(hit);
        ignored++;
      } else kept.push(f);
    }
    return { kept, ignored };
  }

  unused(): IgnoreEntry[] {
    return this.entries.filter((e) => !this.used.has(e));
  }
}
