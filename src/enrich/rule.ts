import type { Confidence } from '../types.js';

/**
 * A rule an enrichment stage applies to the structure of what was scanned (not a detector
 * pattern): listed by `rules list` beside the catalogue, and the source of its findings'
 * `ruleId`, `ruleName` and `provider`.
 */
export interface StructuralRule {
  readonly id: string;
  readonly name: string;
  readonly provider: string;
  /** The level its findings start at, before the value itself raises or lowers it. */
  readonly confidence: Confidence;
  /** The enrichment stage that applies it, e.g. `yaml`. */
  readonly stage: string;
  readonly description: string;
}
