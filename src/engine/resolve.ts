// Turning the raw hits of one chunk into one hit per secret: pairing partners and
// keeping the most specific rule where several read the same bytes.
import type { Confidence } from '../types.js';
import type { RawMatch } from './detect.js';
import type { LineIndex } from './line-index.js';

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

/** Keeps rules with `requires` only when their partner hit is within range, and links the pair. */
export function pairUp(hits: RawMatch[], lines: LineIndex): RawMatch[] {
  if (!hits.some((h) => h.rule.spec.requires)) return hits;
  const out: RawMatch[] = [];
  for (const h of hits) {
    const req = h.rule.spec.requires;
    if (!req) {
      out.push(h);
      continue;
    }
    const line = lines.lineOf(h.start);
    let best: RawMatch | undefined;
    let bestDist = Infinity;
    for (const p of hits) {
      if (p.rule.spec.id !== req.rule) continue;
      const d = Math.abs(lines.lineOf(p.start) - line);
      if (d <= req.within && d < bestDist) {
        best = p;
        bestDist = d;
      }
    }
    if (best) out.push({ ...h, paired: best });
  }
  return out;
}
