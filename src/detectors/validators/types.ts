import type { Confidence, EmbeddedDates } from '../../types.js';

export interface ValidationResult {
  /** false drops the hit (unless `confidence` keeps it at a lower level). */
  valid: boolean;
  /** Overrides the confidence a passing validator gives (`high`). */
  confidence?: Confidence;
  /** Dates the token carries (JWT claims, certificate validity). */
  dates?: EmbeddedDates;
  note?: string;
}

/** Offline check of a token's checksum or structure. Pure; never does I/O. */
export type Validator = (secret: string) => ValidationResult;
