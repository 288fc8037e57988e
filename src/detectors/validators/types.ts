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

/** Where the secret sits, for validators that judge it by its surroundings (URL user and host). */
export interface ValidationContext {
  /** The whole chunk. */
  data: Buffer;
  /** Byte offsets of the secret in `data`. */
  start: number;
  end: number;
}

/** Offline check of a token's checksum or structure. Pure; never does I/O. */
export type Validator = (secret: string, ctx?: ValidationContext) => ValidationResult;
