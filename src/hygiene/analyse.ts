import type { CredentialFlag, Finding } from '../types.js';
import { CONTEXT_KINDS, DEFAULT_MAX_AGE_DAYS, emptyPolicy, type Policy } from '../policy/types.js';
import { groupByFingerprint } from './group.js';
import { computeAge } from './age.js';
import { contextOf, distinctContexts, environmentResolver } from './context.js';
import { livenessIndex, type Liveness } from './liveness.js';
import { detectRotations } from './rotation.js';
import { severityOf } from './severity.js';
import { contextSpec } from '../vocabulary/contexts.js';
import type { Credential, CredentialPlace, Rotation } from './types.js';

export interface HygieneOptions {
  /** Days after which a live credential is stale (the CLI's --max-age; policy rule/provider overrides win). */
  maxAgeDays?: number;
  /** Reference time (tests pin it). */
  now?: Date;
  policy?: Policy;
}

const day = (iso: string) => iso.slice(0, 10);

/** Findings -> credentials with age, contexts, flags with reasons, and severity. Pure. */
export function analyseCredentials(findings: Finding[], opts: HygieneOptions): Credential[] {
  const now = opts.now ?? new Date();
  const policy = opts.policy ?? emptyPolicy();
  const everyKind: Policy = { ...policy, contexts: [...CONTEXT_KINDS] };
  const envOf = environmentResolver(policy);
  const liveness = livenessIndex(findings);
  const rotations = detectRotations(findings);
  return groupByFingerprint(findings).map((c) => {
    const age = computeAge(c.findings, now);
    const live = new Map<Finding, Liveness>(c.findings.map((f) => [f, liveness(f)]));
    const places = placesOf(c.findings, (f) => contextOf(f, everyKind, envOf) ?? 'unknown', live, now);
    const contexts = distinctContexts(c.findings.map((f) => contextOf(f, policy, envOf)));
    const maxAgeDays = policy.maxAgeByRule[c.ruleId] ?? policy.maxAgeByProvider[c.provider] ?? opts.maxAgeDays ?? policy.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS;
    const isLive = [...live.values()].some((l) => l.live);
    const flags: CredentialFlag[] = [];
    const reasons: Partial<Record<CredentialFlag, string>> = {};
    const flag = (f: CredentialFlag, why: string) => {
      flags.push(f);
      reasons[f] = why;
    };
    const expired = age.expiresAt !== undefined && Date.parse(age.expiresAt) < now.getTime();
    // An expired credential is not also called stale: its expiry is the stronger statement.
    if (isLive && !expired && age.ageDays !== undefined && age.ageDays > maxAgeDays) {
      const where = places.filter((p) => p.live).map((p) => p.context);
      const fixture = c.context ? `; found only in ${contextSpec(c.context).title}, so it does not raise the severity` : '';
      flag('stale', `first seen ${day(age.firstSeen!)} (${age.ageEvidence}), ${age.ageDays} days ago, over the ${maxAgeDays}-day max age, and still live in ${where.join(', ')}${fixture}`);
    }
    if (contexts.length > 1) flag('shared', `the same credential is in ${contexts.length} contexts: ${contexts.join(', ')}`);
    if (expired) flag('expired', `expired on ${day(age.expiresAt!)} (${age.expiryEvidence}); it opens nothing now, but it leaked and whatever it protected was exposed until then`);
    const rot = rotations.get(c.fingerprint);
    if (rot?.length) flag('rotated', rotationReason(rot, isLive));
    if (!isLive) flag('history-only', `not live anywhere: ${[...new Set([...live.values()].map((l) => l.why))].join('; ')}; rotate it all the same, history and shipped layers stay readable`);
    const hidden = c.findings.filter((f) => f.origin.kind === 'image' && f.origin.deletedLater);
    if (hidden.length) {
      const h = hidden[0].origin as Extract<Finding['origin'], { kind: 'image' }>;
      flag('hidden-layer', `${h.path} in layer ${h.layer.index} of ${h.image} is deleted by ${h.hiddenBy !== undefined ? `layer ${h.hiddenBy}` : 'a later layer'}, but the layer still ships with the image${hidden.length > 1 ? ` (and ${hidden.length - 1} more)` : ''}`);
    }
    const { expiryEvidence: _e, ...dates } = age;
    return {
      ...c,
      ...dates,
      maxAgeDays,
      contexts,
      places,
      inHead: isLive,
      live: isLive,
      ...(rot?.length ? { rotations: rot } : {}),
      flags,
      reasons,
      severity: severityOf(c.confidence, flags, c.context),
    };
  });
}

function rotationReason(rot: Rotation[], live: boolean): string {
  const parts = rot.map((r) => `${r.location} holds a different value (fp:${r.replacedBy.slice(0, 12)}) since ${r.at ? day(r.at) : r.evidence} (${r.evidence})`);
  return `${parts.join('; ')}; this old value is still exposed ${live ? 'where it remains live and ' : ''}in history or older artifacts, so revoke it if that has not been done`;
}

function placesOf(fs: Finding[], label: (f: Finding) => string, live: Map<Finding, Liveness>, now: Date): CredentialPlace[] {
  const by = new Map<string, Finding[]>();
  for (const f of fs) by.set(label(f), [...(by.get(label(f)) ?? []), f]);
  return [...by]
    .map(([context, group]) => {
      const a = computeAge(group, now);
      const inHead = group.some((f) => live.get(f)!.live);
      return { context, inHead, live: inHead, ...(a.firstSeen ? { firstSeen: a.firstSeen } : {}), ...(a.lastSeen ? { lastSeen: a.lastSeen } : {}) };
    })
    .sort((a, b) => a.context.localeCompare(b.context));
}
