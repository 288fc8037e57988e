import type { Finding, ScanError, ScanStats, SkippedInput } from '../types.js';
import type { Credential } from '../hygiene/types.js';
import type { BaselineEntry } from '../baseline/baseline-file.js';

/** Everything a report needs; each format renders it. */
export interface Report {
  tool: { name: string; version: string };
  /** What was scanned: `dir`, `git`, `image`, `helm`, `sweep`. */
  target: { kind: string; name: string };
  startedAt: string;
  stats: ScanStats;
  findings: Finding[];
  credentials: Credential[];
  skipped: SkippedInput[];
  errors: ScanError[];
  ignored: number;
  unusedIgnores?: Array<{ fingerprint: string; line: number }>;
  /** The baseline the run was judged against: its entries (for `-f baseline` to keep reasons) and those nothing matched. */
  baseline?: { file: string; entries: BaselineEntry[]; unused?: Array<{ fingerprint: string; line: number }> };
  showSecrets: boolean;
  /** Findings the policy's allow section dropped, by reason (absent when none). */
  allowed?: { paths: number; values: number; rules: number };
  /** Inventory delta when `--db` was given. */
  inventory?: { new: string[]; open: string[]; fixed: string[] };
}
