import type { Confidence, Finding, ScanError, ScanStats, SkippedInput } from '../types.js';
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
  /** What the catalogue says of each rule that has findings (SARIF help, issue remediation); absent for library callers. */
  rules?: Record<string, RuleDoc>;
  /** Inventory delta when `--db` was given. */
  inventory?: { new: string[]; open: string[]; fixed: string[] };
}

/** The catalogue's words on a rule, as reports need them. */
export interface RuleDoc {
  description?: string;
  /** The rule's own confidence before validators raise it. */
  confidence: Confidence;
  /** Checked by an offline validator (checksum, structure). */
  validated: boolean;
  /** Catalogue file the rule lives in (`github.yaml`). */
  file?: string;
}
