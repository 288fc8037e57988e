import type { Confidence, CredentialFlag, Finding, FindingContext } from '../types.js';

import type { Severity } from '../vocabulary/levels.js';
export type { Severity };
export { SEVERITY_ORDER } from '../vocabulary/levels.js';

/** One context (repository, image, chart, folder, each optionally with an environment) holding a credential. */
export interface CredentialPlace {
  context: string;
  /** Still in head in this context (default branch tree, newest image, current chart, a plain file). */
  inHead: boolean;
  /** @deprecated the old name of `inHead` (JSON schema 1 keeps both; "live" read as "verified" to many). */
  live: boolean;
  firstSeen?: string;
  lastSeen?: string;
}

/** A location whose value changed after this credential: the old value is still exposed. */
export interface Rotation {
  /** `repo:acme/api deploy/values.yaml db.password` */
  location: string;
  /** ISO date the new value first appeared (absent when only versions order the change). */
  at?: string;
  /** What dated the change (commit, layer, chart version). */
  evidence: string;
  /** Fingerprint of the value that replaced this one. */
  replacedBy: string;
}

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
  /**
   * Set when every finding sits in tests, vendored code, docs, examples or generated code
   * (the context most of them share): such a credential is never more than medium severity.
   */
  context?: FindingContext;
  findings: Finding[];
  /** ISO dates from the earliest / latest evidence, and which evidence gave them. */
  firstSeen?: string;
  lastSeen?: string;
  ageDays?: number;
  ageEvidence?: string;
  lastSeenEvidence?: string;
  expiresAt?: string;
  /** The max age the stale check used for this credential (rule or provider policy, or the default). */
  maxAgeDays?: number;
  /** Repositories, images, charts, environments the credential appears in. */
  contexts: string[];
  /** Per-context liveness and dates (what the inventory records). */
  places?: CredentialPlace[];
  /** Somewhere still in head: default branch tree, newest image (hidden layers included), current chart, a plain file. Says nothing about whether the provider still accepts it (see `verification`). */
  inHead: boolean;
  /** @deprecated the old name of `inHead`, kept for one JSON schema version. */
  live: boolean;
  /** With --verify: what the provider said. */
  verification?: Verification;
  rotations?: Rotation[];
  flags: CredentialFlag[];
  /** A reason in words per flag. */
  reasons: Partial<Record<CredentialFlag, string>>;
  /** Accepted in the team's baseline: reported, never failing a run, never new. */
  baselined?: boolean;
}

export type VerificationStatus = 'active' | 'inactive' | 'unknown';

/** Who the provider says the credential belongs to, where its answer says. */
export interface VerifiedIdentity {
  account?: string;
  scopes?: string[];
  expiresAt?: string;
}

/** The answer of one check against the credential's provider (never the value, never the raw answer). */
export interface Verification {
  status: VerificationStatus;
  /** ISO time of the check (of the cached check, when `cached`). */
  checkedAt: string;
  /** Host(s) asked. */
  hosts: string[];
  identity?: VerifiedIdentity;
  /** In words: what the answer was, or why there is none (rate limit, timeout, budget spent). */
  reason: string;
  /** Taken from the inventory (younger than --verify-ttl) instead of asked again. */
  cached?: boolean;
  /** Earliest check of the current unbroken run of `active` answers in the inventory. */
  activeSince?: string;
}
