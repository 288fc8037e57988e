import type { ScanResult } from '../types.js';
import type { IgnoreList } from '../ignore/ignore-file.js';
import { analyseCredentials } from '../hygiene/analyse.js';
import { shouldFail, type FailPolicy } from '../hygiene/fail-on.js';
import type { Credential } from '../hygiene/types.js';
import type { Inventory } from '../inventory/inventory.js';
import type { Policy } from '../policy/index.js';
import type { Report } from './model.js';
import { VERSION } from '../version.js';

export interface BuildReportOptions {
  ignore: IgnoreList;
  policy: Policy;
  maxAgeDays?: number;
  failPolicy: FailPolicy;
  /** With --db: records this run under `scope`; `complete` says whether absent credentials may be marked fixed. */
  inventory?: Inventory;
  scope: string;
  complete: boolean;
  reportUnusedIgnores?: boolean;
  showSecrets?: boolean;
}

export interface BuiltReport {
  report: Report;
  credentials: Credential[];
  /** By the fail policy, counting `new` against the inventory when there is one. */
  failed: boolean;
}

/** The tail every way of scanning shares: ignore list -> hygiene -> inventory delta -> Report. */
export function buildReport(target: Report['target'], startedAt: string, result: ScanResult, o: BuildReportOptions): BuiltReport {
  const { kept, ignored } = o.ignore.filter(result.findings);
  const credentials = analyseCredentials(kept, { maxAgeDays: o.maxAgeDays, policy: o.policy });
  const delta = o.inventory?.record(o.scope, credentials, new Date(), { complete: o.complete && result.errors.length === 0 });
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
    unusedIgnores: o.reportUnusedIgnores ? o.ignore.unused().map((u) => ({ fingerprint: u.fingerprint, line: u.line })) : undefined,
    showSecrets: !!o.showSecrets,
    ...(delta ? { inventory: delta } : {}),
  };
  return { report, credentials, failed: shouldFail(o.failPolicy, credentials, delta ? new Set(delta.new) : undefined) };
}
