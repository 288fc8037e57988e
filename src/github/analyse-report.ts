import type { ScanResult } from '../types.js';
import { IgnoreList } from '../ignore/ignore-file.js';
import { analyseCredentials } from '../hygiene/analyse.js';
import { parseFailOn, shouldFail } from '../hygiene/fail-on.js';
import { loadPolicy } from '../policy/index.js';
import { Inventory } from '../inventory/inventory.js';
import { parseDays } from '../util/size.js';
import type { Report } from '../report/model.js';
import { VERSION } from '../version.js';

export interface AnalyseOptions {
  ignoreFile: string;
  reportUnusedIgnores?: boolean;
  maxAge?: string;
  failOn?: string;
  config?: string;
  db?: string;
  showSecrets?: boolean;
}

export interface Analysed {
  report: Report;
  /** By `--fail-on` (or the policy's), counting `new` against the inventory when there is one. */
  failed: boolean;
}

/**
 * The tail the Action, sweep and merge share with `runScanCommand`: ignore list -> hygiene
 * (policy from --config) -> inventory delta (with --db, `scope` names what was covered) -> Report.
 */
export function analyseToReport(target: Report['target'], startedAt: string, result: ScanResult, o: AnalyseOptions, scope?: string): Analysed {
  const policy = loadPolicy(o.config);
  const failPolicy = parseFailOn(o.failOn ?? policy.failOn ?? 'medium');
  const ignore = IgnoreList.load(o.ignoreFile, o.ignoreFile !== '.credsweepignore');
  const { kept, ignored } = ignore.filter(result.findings);
  const credentials = analyseCredentials(kept, { maxAgeDays: o.maxAge === undefined ? undefined : parseDays(o.maxAge), policy });
  let delta: Report['inventory'];
  if (o.db) {
    const inv = Inventory.open(o.db);
    try {
      delta = inv.record(scope ?? `${target.kind}:${target.name}`, credentials, new Date(), { complete: result.errors.length === 0 });
    } finally {
      inv.close();
    }
  }
  const report: Report = {
    tool: { name: 'credsweep', version: VERSION },
    target,
    startedAt,
    stats: result.stats,
    findings: kept,
    credentials,
    skipped: result.skipped,
    errors: result.errors,
    ignored,
    unusedIgnores: o.reportUnusedIgnores ? ignore.unused().map((u) => ({ fingerprint: u.fingerprint, line: u.line })) : undefined,
    showSecrets: !!o.showSecrets,
    ...(delta ? { inventory: delta } : {}),
  };
  return { report, failed: shouldFail(failPolicy, credentials, delta ? new Set(delta.new) : undefined) };
}
