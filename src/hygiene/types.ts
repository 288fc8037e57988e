import type { Confidence, CredentialFlag, Finding } from '../types.js';

export type Severity = 'low' | 'medium' | 'high' | 'critical';
export const SEVERITY_ORDER: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

/** One secret, however many places hold it. What hygiene produces and reports consume. */
export interface Credential {
  fingerprint: string;
  ruleId: string;
  ruleName: string;
  provider: string;
  kind: Finding['kind'];
  preview: string;
  confidence: Confidence;
  severity: Severity;
  findings: Finding[];
  /** ISO dates from the earliest / latest evidence, and which evidence gave them. */
  firstSeen?: string;
  lastSeen?: string;
  ageDays?: number;
  ageEvidence?: string;
  expiresAt?: string;
  /** Repositories, images, charts, environments the credential appears in. */
  contexts: string[];
  live: boolean;
  flags: CredentialFlag[];
  /** A reason in words per flag. */
  reasons: Partial<Record<CredentialFlag, string>>;
}
