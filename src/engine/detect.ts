import type { Confidence, EmbeddedDates } from '../types.js';
import type { CompiledCatalogue, CompiledRule } from './compile.js';
import { looksRandom, shannon } from './entropy.js';
import { isDocumentedExample, isPlaceholder, isTemplated } from './placeholders.js';
import { pathContext } from './path-context.js';
import { decodedSegments } from './decode.js';
import { LineIndex } from './line-index.js';

/** A hit inside a worker. Holds the secret; never leaves the worker except as fingerprint/preview. */
export interface RawMatch {
  rule: CompiledRule;
  secret: string;
  /** Byte offsets of the secret in the chunk. */
  start: number;
  end: number;
  confidence: Confidence;
  validated: boolean;
  dates?: EmbeddedDates;
  notes: string[];
  key?: string;
  decoded?: string;
  paired?: RawMatch;
}

export interface DetectOptions {
  /** Path-like name of the chunk, for path-aware confidence (tests, lockfiles, assets). */
  name?: string;
  /** Decoding depth left for base64/percent segments. */
  depth?: number;
}

const LOWER: Confidence[] = ['low', 'low', 'medium'];
const lower = (c: Confidence): Confidence => LOWER[['low', 'medium', 'high'].indexOf(c)];

const ALLOW_COMMENT = Buffer.from('credsweep:allow');

/**
 * Finds every rule hit in `data`. One prefilter pass picks candidate rules and where their
 * keywords are; each candidate's RE2 runs in windows around those keywords; gates
 * (allowlists, entropy, validators, placeholders, pairing) drop false hits; base64 and
 * percent-encoded segments are decoded and scanned once more, reported at the segment's
 * location.
 */
export function detect(cat: CompiledCatalogue, data: Buffer, opts: DetectOptions = {}): RawMatch[] {
  const { candidates, encodedAt } = candidateRules(cat, data);
  const ctx = pathContext(opts.name);
  const out: RawMatch[] = [];
  const lines = new LineIndex(data);
  for (const [rule, near] of candidates) {
    if (ctx.skipRule(rule.spec)) continue;
    const re = rule.re;
    for (const [ws, we] of windows(near, rule.spec.window, data.length, lines)) {
      const view = ws === 0 && we === data.length ? data : data.subarray(ws, we);
      re.lastIndex = 0;
      let m: ReturnType<typeof re.exec>;
      while ((m = re.exec(view)) !== null) {
        const idx = (m as unknown as { indices: Array<[number, number] | undefined> & { groups?: Record<string, [number, number] | undefined> } }).indices;
        const span = rule.group ? idx.groups?.[rule.group] : idx[1];
        if (m[0].length === 0) re.lastIndex++;
        if (!span) continue;
        const start = span[0] + ws;
        const end = span[1] + ws;
        const secret = data.toString('utf8', start, end);
        const hit = gate(rule, secret, data, start, end, lines);
        if (!hit) continue;
        if (ctx.lowerConfidence) {
          hit.confidence = lower(hit.confidence);
          hit.notes.push(ctx.lowerConfidence);
        }
        out.push(hit);
      }
    }
  }
  const paired = dropOverlaps(pairUp(out, lines));
  const depth = opts.depth ?? 2;
  if (depth > 0) {
    for (const seg of decodedSegments(data, encodedAt)) {
      for (const inner of detect(cat, seg.decoded, { ...opts, depth: depth - 1 })) {
        if (paired.some((p) => p.secret === inner.secret)) continue;
        // A rule already read this encoded value as it stands (kubeconfig client-key-data):
        // one finding for those bytes, unless the decoding says more: only a generic rule
        // read the outer value, or the inner one is a checksum-validated token inside an
        // unvalidated wrapper (a GitHub token inside a docker `auth`).
        const outer = paired.findIndex((p) => p.start < seg.end && seg.start < p.end);
        if (outer >= 0) {
          const o = paired[outer];
          const innerSaysMore = tier(inner) > 0 && inner.validated && !o.validated;
          if (!innerSaysMore && (tier(o) > 0 || tier(inner) === 0)) continue;
          paired.splice(outer, 1);
        }
        paired.push({ ...inner, start: seg.start, end: seg.end, decoded: inner.decoded ? `${seg.encoding}+${inner.decoded}` : seg.encoding });
      }
    }
  }
  return paired;
}

/** Keyword hits per rule, as [start, end, start, end, ...]; `null` once there are too many to window. */
type Near = number[] | null;
const MAX_NEAR = 512;

/**
 * One prefilter pass: the rules whose keywords occur with where they occur, and where
 * base64-encoded keywords occur. Rules come back in catalogue order.
 */
function candidateRules(cat: CompiledCatalogue, data: Buffer): { candidates: Array<[CompiledRule, Near]>; encodedAt: number[] } {
  const near = new Map<CompiledRule, Near>();
  const encodedAt: number[] = [];
  cat.prefilter.scan(data, (id, end) => {
    if (id >= cat.keywordCount) {
      if (encodedAt.length < 64) encodedAt.push(end - cat.literals[id].length);
      return;
    }
    const start = end - cat.literals[id].length;
    for (const r of cat.keywordRules[id]) {
      const h = near.get(r);
      if (h === undefined) near.set(r, [start, end]);
      else if (h !== null) {
        if (h.length >= MAX_NEAR) near.set(r, null);
        else h.push(start, end);
      }
    }
  });
  return { candidates: [...near].sort((a, b) => a[0].index - b[0].index), encodedAt };
}

// Snapping a window to whole lines is skipped when a line is longer than this (minified code).
const MAX_SNAP = 4096;

/**
 * The parts of the chunk a rule must see: `window` bytes around each keyword hit, widened
 * to whole lines, merged. Running a rule near its keywords instead of over the whole chunk
 * is what keeps context rules (keyword `password`, `https://`) cheap on large files.
 */
function windows(near: Near, window: number, length: number, lines: LineIndex): Array<[number, number]> {
  if (near === null) return [[0, length]];
  const out: Array<[number, number]> = [];
  let covered = 0;
  // The prefilter reports hits stripe by stripe, not in offset order.
  const order: number[] = [];
  for (let i = 0; i < near.length; i += 2) order.push(i);
  order.sort((x, y) => near[x] - near[y]);
  for (const i of order) {
    const a = Math.max(0, near[i] - window);
    const b = Math.min(length, near[i + 1] + window);
    const ls = lines.lineStart(a);
    const le = lines.lineEnd(b);
    const ws = a - ls <= MAX_SNAP ? ls : a;
    const we = le - b <= MAX_SNAP ? Math.min(length, le + 1) : b;
    const last = out[out.length - 1];
    if (last && ws <= last[1]) {
      covered += Math.max(0, we - last[1]);
      last[1] = Math.max(last[1], we);
    } else {
      out.push([ws, we]);
      covered += we - ws;
    }
  }
  return covered > length / 2 ? [[0, length]] : out;
}

function gate(rule: CompiledRule, secret: string, data: Buffer, start: number, end: number, lines: LineIndex): RawMatch | undefined {
  const spec = rule.spec;
  if (rule.allow.some((a) => a.test(secret))) return undefined;
  if (isDocumentedExample(secret)) return undefined;
  if (spec.entropy !== undefined && shannon(secret) < spec.entropy) return undefined;
  const lineStart = lines.lineStart(start);
  const lineEnd = lines.lineEnd(end);
  if (data.subarray(lineStart, lineEnd).includes(ALLOW_COMMENT)) return undefined;
  const notes: string[] = [];
  let confidence = spec.confidence;
  if (spec.generic) {
    if (isPlaceholder(secret) || !looksRandom(secret)) return undefined;
  } else if (isTemplated(secret)) {
    return undefined;
  }
  let validated = false;
  let dates: EmbeddedDates | undefined;
  if (rule.validator) {
    const v = rule.validator(secret, { data, start, end });
    if (!v.valid) return undefined;
    validated = v.confidence === undefined || v.confidence === 'high';
    confidence = v.confidence ?? 'high';
    dates = v.dates;
    if (v.note) notes.push(v.note);
  }
  return { rule, secret, start, end, confidence, validated, dates, notes, key: assignedName(data, lineStart, start) };
}

const RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };
/**
 * How much a rule says about the bytes it captured: a provider rule (even one that uses
 * the generic gates) says most; cross-cutting families (passwords in URLs and config files,
 * JWTs) less; the generic entropy rules least.
 */
const BROAD_FAMILIES = new Set(['connection-string', 'config-file', 'jwt']);
const tier = (h: RawMatch) => (h.rule.spec.provider === 'generic' ? 0 : BROAD_FAMILIES.has(h.rule.spec.provider) ? 1 : 2);
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
function dropOverlaps(hits: RawMatch[]): RawMatch[] {
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

/** The identifier a value is assigned to on its line: `password = "..."`, `API_KEY: ...`, `"token": "..."`. */
function assignedName(data: Buffer, lineStart: number, start: number): string | undefined {
  if (start - lineStart > 400) return undefined;
  const before = data.toString('utf8', lineStart, start);
  const m = /([A-Za-z_][A-Za-z0-9_.-]*)["'\]]?\s*(?::=|=>|[:=])\s*["'`]?[^"'`:=]*$/.exec(before);
  return m?.[1];
}

/** Keeps rules with `requires` only when their partner hit is within range, and links the pair. */
function pairUp(hits: RawMatch[], lines: LineIndex): RawMatch[] {
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
