import type { Finding } from '../types.js';
import { groupByFingerprint } from './group.js';
import type { Credential } from './types.js';

export interface HygieneOptions {
  /** Days after which a live credential is stale. */
  maxAgeDays: number;
  /** Reference time (tests pin it). */
  now?: Date;
}

/** Findings -> credentials with age, flags and severity. Pure. */
export function analyseCredentials(findings: Finding[], _opts: HygieneOptions): Credential[] {
  return groupByFingerprint(findings);
}
