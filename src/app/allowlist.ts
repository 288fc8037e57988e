import type { Finding } from '../types.js';
import type { Allowlist } from '../policy/types.js';
import { ExcludeList } from '../sources/dir/exclude.js';
import { fingerprint } from '../engine/fingerprint.js';
import { originPath } from '../report/origin.js';

export interface AllowedCounts {
  paths: number;
  values: number;
  rules: number;
}

/** The policy's `allow` section over a run's findings: what it drops, counted by reason. */
export function applyAllowlist(findings: Finding[], allow: Allowlist, key: Buffer, counts: AllowedCounts): Finding[] {
  if (!allow.paths.length && !allow.values.length && !allow.rules.length) return findings;
  const paths = new ExcludeList(allow.paths);
  const rules = new Set(allow.rules);
  // Literal values are compared by fingerprint: the value itself never has to be held.
  const values = new Set(allow.values.map((v) => fingerprint(key, v)));
  return findings.filter((f) => {
    if (rules.has(f.ruleId)) counts.rules++;
    else if (f.origin.kind !== 'image-config' && paths.excluded(originPath(f.origin), false)) counts.paths++;
    else if (values.has(f.fingerprint)) counts.values++;
    else return true;
    return false;
  });
}

/** `allow.values` written as /regex/: checked where values exist, in the engine's hand-off (see Scanner.allowValue). */
export function valuePatternMatcher(allow: Allowlist): ((secret: string) => boolean) | undefined {
  if (!allow.valuePatterns.length) return undefined;
  const res = allow.valuePatterns.map((p) => new RegExp(`^(?:${p})$`));
  return (secret) => res.some((re) => re.test(secret));
}
