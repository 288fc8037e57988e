import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { baselineOf } from '../baseline/baseline.js';
import { readBaseline, renderBaseline } from '../baseline/baseline-file.js';
import { UsageError } from './usage-error.js';

interface JsonReport {
  credentials: Array<{ fingerprint: string; ruleId: string; findings: number[] }>;
  findings: Array<{ line: number; origin: { path?: string; field?: string } }>;
}

/**
 * `baseline create|update FILE --report R.json`: a baseline from a JSON report. `create` refuses
 * to overwrite; `update` keeps the reasons of entries still found and drops the others.
 * Returns how many entries the file holds and how many are new.
 */
export function baselineFromReport(file: string, reportFile: string, mode: 'create' | 'update'): { entries: number; added: number; dropped: number } {
  if (mode === 'create' && existsSync(file)) throw new UsageError(`${file} exists: use \`credsweep baseline update\` to refresh it`);
  if (mode === 'update' && !existsSync(file)) throw new UsageError(`${file} does not exist: use \`credsweep baseline create\` first`);
  let report: JsonReport;
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8'));
  } catch (e) {
    throw new UsageError(`--report ${reportFile}: not a readable JSON report (${(e as Error).message.slice(0, 120)})`);
  }
  if (!Array.isArray(report?.credentials) || !Array.isArray(report?.findings)) throw new UsageError(`--report ${reportFile}: not a credsweep JSON report (write one with -f json)`);
  const previous = mode === 'update' ? readBaseline(file) : [];
  const creds = report.credentials.map((c) => {
    const f = report.findings[c.findings[0]];
    return { fingerprint: c.fingerprint, ruleId: c.ruleId, location: f ? `${f.origin.path ?? f.origin.field ?? '?'}:${f.line}` : '?' };
  });
  const next = baselineOf(creds, previous);
  writeFileSync(file, renderBaseline(next));
  const kept = new Set(next.map((e) => e.fingerprint));
  return { entries: next.length, added: next.filter((e) => !previous.some((p) => p.fingerprint === e.fingerprint)).length, dropped: previous.filter((p) => !kept.has(p.fingerprint)).length };
}
