import type { Finding, ScanError, ScanStats, SkippedInput } from '../types.js';
import type { Credential } from '../hygiene/types.js';

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
  showSecrets: boolean;
  /** Inventory delta when `--db` was given. */
  inventory?: { new: string[]; open: string[]; fixed: string[] };
}
