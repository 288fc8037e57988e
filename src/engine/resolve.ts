// Turning the raw hits of one chunk into one hit per secret: pairing partners and
// keeping the most specific rule where several read the same bytes.
import type { Confidence } from '../types.js';
import type { RawMatch } from './detect.js';
import type { LineIndex } from './line-index.js';
import { lowerBound } from '../util/lower-bound.js';

const RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };
/**
 * How much a rule says about the bytes it captured: a provider rule (even one that uses
 * the generic gates) says most; cross-cutting families (passwords in URLs, config files and
 * command lines, JWTs, password hashes) less; the generic entropy rules least. Keyed on the
 * rule file's category, never on a provider name.
 */
const BROAD_CATEGORIES = new Set(['connection-string', 'config-file', 'token-format', 'command-line', 'password-hash']);
export const tier = (h: RawMatch) => (h.rule.spec.category === 'generic' ? 0 : BROAD_CATEGORIES.has(h.rule.spec.category) ? 1 : 2);
const better = (a: RawMatch, b: RawMatch) =>
  tier(a) - tier(b) ||
  RANK[a.confidence] - RANK[b.confidence] ||
  Number(a.validated) - Number(b.validated) ||
  Number(!a.rule.spec.generic) - Number(!b.rule.spec.generic) ||
  b.rule.index - a.rule.index;

/**
 * One secret, one hit: when several rules capture the same span the best one stays
 * (provider over family over generic: a provider rule knows best what its bytes are, even
 * when it rates them low; then confidence, validated, catalogue order), and a hit that overlaps a hit of a more specific tier goes, since that rule says more.
 */
export function dropOverlaps(hits: RawMatch[]): RawMatch[] {
  if (hits.length < 2) return hits;
  const bySpan = new Map<string, RawMatch>();
  for (const h of hits) {
    const k = `${h.start}:${h.end}`;
    const prev = bySpan.get(k);
    if (!prev || better(h, prev) > 0) bySpan.set(k, h);
  }
  const unique = [...bySpan.values()];
  if (unique.length > 2000) return unique;
  return unique.filter((h) => {
    const t = tier(h);
    if (t === 2) return true;
    return !unique.some((p) => p !== h && tier(p) > t && p.start < h.end && h.start < p.end);
  });
}

/**
 * Keeps rules with `requires` only when their partner hit is within range, and links the pair
 * (the nearest partner by line; the first in hit order among equals). Partners are looked up
 * by line, not compared pairwise: a file can hold many of both.
 */
export function pairUp(hits: RawMatch[], lines: LineIndex): RawMatch[] {
  if (!hits.some((h) => h.rule.spec.requires)) return hits;
  // Partner rule id -> its hits' lines, ascending, each with the first hit on that line.
  const partners = new Map<string, { lines: number[]; first: Map<number, RawMatch> }>();
  const partnersOf = (ruleId: string) => {
    let p = partners.get(ruleId);
    if (p) return p;
    const first = new Map<number, RawMatch>();
    for (const h of hits) {
      if (h.rule.spec.id !== ruleId) continue;
      const l = lines.lineOf(h.start);
      if (!first.has(l)) first.set(l, h);
    }
    p = { lines: [...first.keys()].sort((a, b) => a - b), first };
    partners.set(ruleId, p);
    return p;
  };
  const order = new Map(hits.map((h, i) => [h, i]));
  const out: RawMatch[] = [];
  for (const h of hits) {
    const req = h.rule.spec.requires;
    if (!req) {
      out.push(h);
      continue;
    }
    const line = lines.lineOf(h.start);
    const p = partnersOf(req.rule);
    const lo = lowerBound(p.lines.length, (i) => p.lines[i] < line);
    let best: RawMatch | undefined;
    let bestDist = Infinity;
    for (const k of [lo - 1, lo]) {
      if (k < 0 || k >= p.lines.length) continue;
      const d = Math.abs(p.lines[k] - line);
      const cand = p.first.get(p.lines[k])!;
      if (d > req.within) continue;
      if (d < bestDist || (d === bestDist && order.get(cand)! < order.get(best!)!)) {
        best = cand;
        bestDist = d;
      }
    }
    if (best) out.push({ ...h, paired: best });
  }
  return out;
}
