/** Kinds of place that count as separate contexts for the `shared` flag. */
export type ContextKind = 'repo' | 'image' | 'chart' | 'dir' | 'environment';
export const CONTEXT_KINDS: ContextKind[] = ['repo', 'image', 'chart', 'dir', 'environment'];

export interface EnvironmentRule {
  name: string;
  patterns: string[];
}

/** The `.credsweep.yaml` policy, validated. Everything optional falls back to the CLI or built-in defaults. */
export interface Policy {
  /** File it was read from, when there was one. */
  source?: string;
  /** Default max age in days (the CLI's `--max-age` overrides it). */
  maxAgeDays?: number;
  /** Per rule id, then per provider: max age in days. */
  maxAgeByRule: Record<string, number>;
  maxAgeByProvider: Record<string, number>;
  /** Environments by path pattern (picomatch globs), checked in order; the first match names the environment. */
  environments: EnvironmentRule[];
  /** Which kinds of place count as contexts. */
  contexts: ContextKind[];
  /** Default `--fail-on` when the CLI does not give one. */
  failOn?: string;
  /** Never reported: findings under these paths, with these values, of these rules. */
  allow: Allowlist;
}

export interface Allowlist {
  /** `.gitignore`-style globs. */
  paths: string[];
  /** Literal values. */
  values: string[];
  /** Regular expressions (RE2 syntax) a whole value must match. */
  valuePatterns: string[];
  rules: string[];
}

export const DEFAULT_MAX_AGE_DAYS = 90;

export function emptyPolicy(): Policy {
  return { maxAgeByRule: {}, maxAgeByProvider: {}, environments: [], contexts: [...CONTEXT_KINDS], allow: { paths: [], values: [], valuePatterns: [], rules: [] } };
}
