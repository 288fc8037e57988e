import type { Finding, ScanResult } from '../types.js';
import type { Credential } from '../hygiene/types.js';
import type { Report } from './model.js';
import { VERSION } from '../version.js';

export interface ReportParts {
  target: Report['target'];
  startedAt: string;
  result: ScanResult;
  /** Findings left after the ignore list, and how many it dropped. */
  kept: Finding[];
  ignored: number;
  credentials: Credential[];
  unusedIgnores?: Report['unusedIgnores'];
  baseline?: Report['baseline'];
  showSecrets: boolean;
  inventory?: Report['inventory'];
  allowed?: Report['allowed'];
  rules?: Report['rules'];
}

/** Assembles the Report every format renders. Pure. */
export function buildReport(p: ReportParts): Report {
  return {
    tool: { name: 'credsweep', version: VERSION },
    target: p.target,
    startedAt: p.startedAt,
    stats: p.result.stats,
    findings: p.kept,
    credentials: p.credentials,
    skipped: p.result.skipped,
    errors: p.result.errors,
    ignored: p.ignored,
    unusedIgnores: p.unusedIgnores,
    ...(p.baseline ? { baseline: p.baseline } : {}),
    showSecrets: p.showSecrets,
    ...(p.rules ? { rules: p.rules } : {}),
    ...(p.inventory ? { inventory: p.inventory } : {}),
    ...(p.allowed && p.allowed.paths + p.allowed.values + p.allowed.rules > 0 ? { allowed: p.allowed } : {}),
  };
}
