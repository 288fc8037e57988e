import type { Confidence } from '../types.js';

/** One rule as written in `detectors/*.yaml`. */
export interface RuleExample {
  /** Text that must produce a hit of this rule. */
  text: string;
  /** The exact secret the capture group must yield. */
  secret: string;
  /** Path the example pretends to live in (for path-aware rules). */
  path?: string;
}

export interface RuleSpec {
  id: string;
  name: string;
  /** Provider or family, e.g. `github`, `aws`, `generic`. Defaults to the file's `provider`. */
  provider: string;
  /** What kind of service the provider is (a key of CATEGORIES); the file's `category:`. */
  category: string;
  /** RE2 syntax; exactly one capture group (or a group named `secret`) is the secret. */
  regex: string;
  /**
   * Lowercase literals; at least one must occur in a chunk for the rule to run. Empty for a
   * rule bound to `fileFormats`, which runs on every file of those formats instead.
   */
  keywords: string[];
  /**
   * Derived by the loader, not written in YAML: lowercase literals one of which occurs in every
   * match of `regex` and that say more than `keywords` (see required-literals.ts). The engine
   * skips the rule in a chunk where none occurs.
   */
  required?: string[];
  /** Credential-store file formats (ids in `file-formats.ts`) the rule is bound to: it runs in those files only. */
  fileFormats?: string[];
  /** Default `medium`; a passing validator raises it to `high`. */
  confidence: Confidence;
  /** Minimum Shannon entropy (bits per character) of the secret. */
  entropy?: number;
  /** Name of an offline validator in src/detectors/validators. */
  validate?: string;
  /** Secrets matching any of these RE2 patterns are dropped (per-rule allowlist). */
  allow?: string[];
  /**
   * The hit is kept only when a hit of `rule` occurs within `within` lines; the two are
   * reported as a pair. Used where the secret alone is too shapeless (AWS secret keys).
   */
  requires?: { rule: string; within: number };
  /** Generic rules go through the placeholder and entropy-by-charset gates. */
  generic?: boolean;
  /** Scan binary chunks too (rare: e.g. PKCS#12-adjacent material). */
  binary?: boolean;
  description?: string;
  /**
   * Bytes around each keyword hit the regex needs to see (the engine runs a rule only near
   * its keywords). Optional in YAML; the loader raises it to cover every example and gives
   * multi-line formats (PEM blocks, key files) 64 KB.
   */
  window: number;
  examples: RuleExample[];
  negatives: string[];
  /**
   * How `--verify` checks a value of this rule with its provider, as data (see src/verify/spec.ts,
   * which validates it). The catalogue carries it through unread.
   */
  verify?: Record<string, unknown>;
  /** File the rule was loaded from, for error messages. */
  file: string;
}

export interface Catalogue {
  rules: RuleSpec[];
  /** SHA-256 over the catalogue's files: keys caches (layer cache) to a catalogue version. */
  hash: string;
}
