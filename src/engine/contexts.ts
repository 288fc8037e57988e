// Context scoring applied to Findings (the registry is vocabulary/contexts.ts).
import type { Confidence, Finding, FindingContext } from '../types.js';
import { contextOfPath, contextSpec } from '../vocabulary/contexts.js';

const UP: Record<Confidence, Confidence> = { low: 'medium', medium: 'high', high: 'high' };
const DOWN: Record<Confidence, Confidence> = { low: 'low', medium: 'low', high: 'medium' };

/**
 * A finding scanned once at one path and reported at another holding the same bytes (an
 * image file copied from a package into the app): the context the path gave moves with the
 * path. Content contexts (a generated header, an example field) hold wherever the bytes are.
 * `f.origin` is still where the bytes were scanned.
 */
export function withPathContext(f: Finding, path: string): Finding {
  const scannedAt = 'path' in f.origin ? f.origin.path : undefined;
  if (scannedAt === undefined || scannedAt === path) return f;
  const had = f.context;
  if (had && had !== contextOfPath(scannedAt)) return f;
  const now = contextOfPath(path);
  if (now === had) return f;
  const { context: _c, notes, ...rest } = f;
  const kept = (notes ?? []).filter((n) => !n.endsWith(': confidence lowered'));
  const base = had ? UP[f.confidence] : f.confidence;
  const out: Finding = { ...rest, confidence: now ? DOWN[base] : base };
  if (now) {
    out.context = now;
    kept.push(`in ${contextSpec(now).title}: confidence lowered`);
  }
  if (kept.length) out.notes = kept;
  return out;
}

/**
 * Findings outside the given contexts, for a `--skip-context` choice. Applied after the
 * source has placed every finding (an image reports one scan of some bytes at several
 * paths, each with its own context), so it filters Findings, not engine hits.
 */
export function withoutContexts(findings: Finding[], skip: readonly FindingContext[]): Finding[] {
  if (skip.length === 0) return findings;
  const s = new Set(skip);
  return findings.filter((f) => !f.context || !s.has(f.context));
}
