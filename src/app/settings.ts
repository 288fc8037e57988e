import type { Confidence } from '../types.js';
import type { FormatName } from '../report/formats.js';
import type { FindingContext } from '../vocabulary/contexts.js';
import type { VerifyOptions } from '../verify/index.js';

// The typed settings a run works from, resolved once from the command line (app/options.ts).
// A command offers only the groups it uses; groups it does not offer keep their defaults.

/** What to read. */
export interface InputSettings {
  /** `.gitignore`-style globs on paths inside the target (files, blob paths, layer paths, chart paths). */
  exclude: string[];
  /** Bytes; larger files are skipped and listed. */
  maxFileSize: number;
}

/** How to match. */
export interface DetectionSettings {
  /** Rule catalogue folder; default the shipped detectors/. */
  rules?: string;
  /** Worker threads; 0 scans on the calling thread. */
  threads: number;
  minConfidence: Confidence;
  showSecrets: boolean;
  /** Drop findings in these contexts (tests, vendored code, docs, examples, generated files). */
  skipContexts: FindingContext[];
}

/** Where the report goes. */
export interface OutputSettings {
  format: FormatName;
  /** File; default stdout. */
  output?: string;
  /** Undefined: colour when stdout is a terminal and NO_COLOR is unset. */
  color?: boolean;
  progress: boolean;
}

/** What the findings mean, and when the run fails. */
export interface HygieneSettings {
  /** Policy file; default `.credsweep.yaml` in the working directory, else the scan root. */
  config?: string;
  /** `--fail-on` as given (validated); default the policy's, else `medium`. */
  failOn?: string;
  /** `--max-age` in days; default the policy's, else 90. */
  maxAgeDays?: number;
  /** Ignore file given with --ignore-file (must exist); default `.credsweepignore`. */
  ignoreFile?: string;
  /** Baseline given with --baseline (must exist); default `.credsweep-baseline`. */
  baseline?: string;
  reportUnusedIgnores: boolean;
  /** Inventory SQLite file. */
  db?: string;
}

/** Issues on GitHub. */
export interface GitHubSettings {
  openIssues: boolean;
  dryRun: boolean;
  token?: string;
  apiUrl?: string;
  issuesRepo?: string;
  /** Open issues at most for the run's credentials (those already open count), worst first; the rest are listed in one tracking issue per repository. */
  maxIssues: number;
  /** Open issues about live credentials on public repositories (refused by default: the issue would point at a usable secret). */
  allowPublicIssues: boolean;
}

/** Opt-in checks with the providers (--verify); the catalogue folder comes from `detection.rules`. */
export type VerificationSettings = Omit<VerifyOptions, 'rules'>;

export interface Settings {
  input: InputSettings;
  detection: DetectionSettings;
  output: OutputSettings;
  hygiene: HygieneSettings;
  github: GitHubSettings;
  /** Absent (a library caller's older Settings) means off. */
  verification?: VerificationSettings;
}
