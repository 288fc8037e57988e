import { readFileSync } from 'node:fs';

/** One accepted credential: what a reviewer sees in the diff that adds it. */
export interface BaselineEntry {
  ruleId: string;
  /** A fingerprint prefix (16 hex written; 12+ accepted). */
  fingerprint: string;
  /** Where it was first found, for humans. */
  location: string;
  /** Why it is accepted, for humans. */
  reason: string;
  line?: number;
}

export const BASELINE_FILE = '.credsweep-baseline';
const HEADER = [
  '# credsweep baseline: credentials accepted as they are (reported as baselined, never failing a run).',
  '# One a line, tab-separated: rule, fingerprint prefix, first location, reason. Write the reason;',
  '# `credsweep baseline update` keeps it. Sorted, so a change reviews as a small diff.',
];

export function parseBaseline(text: string, file: string): BaselineEntry[] {
  const out: BaselineEntry[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim() || raw.trimStart().startsWith('#')) return;
    const [ruleId, fingerprint, location = '', ...reason] = raw.split('\t');
    if (!/^[a-z0-9-]+$/.test(ruleId ?? '') || !/^[0-9a-f]{12,64}$/.test(fingerprint ?? '')) {
      throw new Error(`${file}:${i + 1}: expected 'rule-id<TAB>fingerprint (12+ hex)<TAB>location<TAB>reason'`);
    }
    out.push({ ruleId, fingerprint, location, reason: reason.join('\t').trim(), line: i + 1 });
  });
  return out;
}

export function readBaseline(file: string): BaselineEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read baseline '${file}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseBaseline(text, file);
}

/** Tabs and newlines inside a field would break the line format. */
const field = (s: string) => s.replace(/[\t\r\n]+/g, ' ');

export function renderBaseline(entries: BaselineEntry[]): string {
  const sorted = [...entries].sort((a, b) => a.ruleId.localeCompare(b.ruleId) || a.location.localeCompare(b.location) || a.fingerprint.localeCompare(b.fingerprint));
  return [...HEADER, ...sorted.map((e) => [e.ruleId, e.fingerprint, field(e.location), field(e.reason)].join('\t'))].join('\n') + '\n';
}
