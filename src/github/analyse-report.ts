import type { ScanResult } from '../types.js';
import { IgnoreList } from '../ignore/ignore-file.js';
import { parseFailOn } from '../hygiene/fail-on.js';
import { loadPolicy } from '../policy/index.js';
import { Inventory } from '../inventory/inventory.js';
import { parseDays } from '../util/size.js';
import type { Report } from '../report/model.js';
import { buildReport } from '../report/build.js';

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
  const inventory = o.db ? Inventory.open(o.db) : undefined;
  try {
    const { report, failed } = buildReport(target, startedAt, result, {
      ignore: IgnoreList.load(o.ignoreFile, o.ignoreFile !== '.credsweepignore'),
      policy,
      maxAgeDays: o.maxAge === undefined ? undefined : parseDays(o.maxAge),
      failPolicy: parseFailOn(o.failOn ?? policy.failOn ?? 'medium'),
      inventory,
      scope: scope ?? `${target.kind}:${target.name}`,
      complete: true,
      reportUnusedIgnores: o.reportUnusedIgnores,
      showSecrets: o.showSecrets,
    });
    return { report, failed };
  } finally {
    inventory?.close();
  }
}
