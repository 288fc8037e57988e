
import type { Confidence, EmbeddedDates } from '../types.js';
import type { CompiledCatalogue, CompiledRule } from './compile.js';
import { looksRandom, shannon } from './entropy.js';
import { isDocumentedExample, isPlaceholder, isTemplated } from './placeholders.js';
import { pathContext } from './path-context.js';
import { decodedSegments, type DecodedSegment } from './decode.js';
import type { WorkMeter } from './work-meter.js';
import { LineIndex } from './line-index.js';
import { candidateRules, windows } from './candidates.js';
import { dropOverlaps, pairUp, tier } from './resolve.js';
import { contextSpec, FINDING_CONTEXTS, isGeneratedContent, type FindingContext } from '../vocabulary/contexts.js';
import { inExampleField, mayHoldExampleFields } from './example-fields.js';
import { formatOfPath } from '../detectors/file-formats.js';
import { lowerBound } from '../util/lower-bound.js';

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
  /** Test, vendored, docs, example or generated: the confidence is already lowered for it. */
  context?: FindingContext;
}

export interface DetectOptions {
  /** Path-like name of the chunk, for path-aware confidence (tests, lockfiles, assets). */
  name?: string;
  /** Decoding depth left for base64/percent segments. */
  depth?: number;
  /** Counts the work done, for the bounded-work tests and the engine's stats. */
  meter?: WorkMeter;
  /** The chunk's line index, when the caller needs it too (built once per chunk). */
  lines?: LineIndex;
}

const STRENGTH = new Map(FINDING_CONTEXTS.map((c, i) => [c.id, i]));
const stronger = (a: FindingContext | undefined, b: FindingContext | undefined) =>
  a === undefined ? b : b === undefined ? a : STRENGTH.get(a)! <= STRENGTH.get(b)! ? a : b;

const LOWER: Confidence[] = ['low', 'low', 'medium'];
const lower = (c: Confidence): Confidence => LOWER[['low', 'medium', 'high'].indexOf(c)];

const ALLOW_COMMENT = Buffer.from('credsweep:allow');
const MAX_SECRET_BYTES = 256 * 1024;

/**
 * Finds every rule hit in `data`. One prefilter pass picks candidate rules and where their
 * keywords are; each candidate's RE2 runs in windows around those keywords; gates
 * (allowlists, entropy, validators, placeholders, pairing) drop false hits; base64 and
 * percent-encoded segments are decoded and scanned once more, reported at the segment's
 * location.
 *
 * Work stays linear in the chunk's size whatever its shape: no step looks at a hit's whole
 * line (one 10 MB line can hold 250,000 hits), see LineIndex and AllowMarks.
 */
export function detect(cat: CompiledCatalogue, data: Buffer, opts: DetectOptions = {}): RawMatch[] {
  const meter = opts.meter;
  const { candidates, encodedAt } = candidateRules(cat, data);
  if (meter) meter.prefilterBytes += data.length;
  const ctx = pathContext(opts.name);
  // Decoded segments are no file of their own: format rules read the file as it stands.
  const format = opts.depth === undefined ? formatOfPath(opts.name) : undefined;
  if (format) for (const r of cat.formatRules.get(format.id) ?? []) candidates.push([r, null]);
  const out: RawMatch[] = [];
  const lines = opts.lines ?? new LineIndex(data, meter);
  const allow = new AllowMarks(data);
  let fileContext: FindingContext | undefined | null = null;
  let exampleFields: boolean | undefined;
  const contextAt = (pos: number): FindingContext | undefined => {
    if (fileContext === null) fileContext = stronger(ctx.context, isGeneratedContent(data) ? 'generated' : undefined);
    if (fileContext === 'vendored' || fileContext === 'generated' || fileContext === 'test') return fileContext;
    exampleFields ??= mayHoldExampleFields(opts.name, data);
    return exampleFields && inExampleField(data, lines, pos) ? 'example' : fileContext;
  };
  for (const [rule, near] of candidates) {
    if (ctx.skipRule(rule.spec)) continue;
    for (const [ws, we] of windows(near, rule.spec.window, data.length, lines)) {
      const view = ws === 0 && we === data.length ? data : data.subarray(ws, we);
      // The cheap superset first: where it finds nothing the rule's own regex is not even compiled.
      const cheap = rule.cheap;
      if (cheap) {
        if (meter) {
          meter.regexBytes += we - ws;
          meter.regexCalls++;
        }
        if (!cheap.test(view)) continue;
      }
      const re = rule.re;
      if (meter) {
        meter.regexBytes += we - ws;
        meter.regexCalls++; // the call that finds nothing more
      }
      re.lastIndex = 0;
      let m: ReturnType<typeof re.exec>;
      while ((m = re.exec(view)) !== null) {
        if (meter) meter.regexCalls++;
        const idx = (m as unknown as { indices: Array<[number, number] | undefined> & { groups?: Record<string, [number, number] | undefined> } }).indices;
        const span = rule.group ? idx.groups?.[rule.group] : idx[1];
        if (m[0].length === 0) re.lastIndex++;
        if (!span) continue;
        const start = span[0] + ws;
        const end = span[1] + ws;
        // Longer than any credential format: a run of one character in a huge file, not a
        // secret, and a string of it could exceed what V8 allows.
        if (end - start > MAX_SECRET_BYTES) continue;
        const secret = data.toString('utf8', start, end);
        if (meter) meter.gateCalls++;
        const hit = gate(rule, secret, data, start, end, lines, allow);
        if (!hit) continue;
        // Formats that name the value elsewhere than before it (`define('DB_PASSWORD', '...')`) capture the name.
        const keySpan = idx.groups?.key;
        if (keySpan) hit.key = view.toString('utf8', keySpan[0], keySpan[1]);
        const context = contextAt(start);
        if (context) {
          hit.confidence = lower(hit.confidence);
          hit.context = context;
          hit.notes.push(`in ${contextSpec(context).title}: confidence lowered`);
        }
        out.push(hit);
      }
    }
  }
  const paired = dropOverlaps(pairUp(out, lines));
  const depth = opts.depth ?? 2;
  if (depth <= 0) return paired;
  return withDecoded(paired, decodedSegments(data, encodedAt), (seg) => {
    if (meter) meter.decodedBytes += seg.end - seg.start;
    const inner = detect(cat, seg.decoded, { ...opts, lines: undefined, depth: depth - 1 });
    // A decoded value sits where its encoded form does: that place's context applies.
    const context = contextAt(seg.start);
    if (context) {
      for (const h of inner) {
        if (h.context) continue;
        h.confidence = lower(h.confidence);
        h.context = context;
        h.notes = [...h.notes, `in ${contextSpec(context).title}: confidence lowered`];
      }
    }
    return inner;
  });
}

/**
 * Adds what decoded segments hold to the chunk's hits. A rule may already have read an
 * encoded value as it stands (kubeconfig client-key-data): one finding for those bytes,
 * unless the decoding says more: only a generic rule read the outer value, or the inner one
 * is a checksum-validated token inside an unvalidated wrapper (a GitHub token inside a
 * docker `auth`). Outer hits are looked up by position, not compared one by one: a long
 * line can hold hundreds of thousands of them.
 */
function withDecoded(outer: RawMatch[], segments: Iterable<DecodedSegment>, inside: (seg: DecodedSegment) => RawMatch[]): RawMatch[] {
  const secrets = new Map<string, number>();
  const count = (s: string, d: number) => secrets.set(s, (secrets.get(s) ?? 0) + d);
  for (const p of outer) count(p.secret, 1);
  const byStart = outer.map((_, i) => i).sort((a, b) => outer[a].start - outer[b].start);
  const longest = outer.reduce((n, p) => Math.max(n, p.end - p.start), 0);
  const removed = new Set<RawMatch>();
  const added: RawMatch[] = [];
  /** The first live hit (outer ones in their order, then added ones) overlapping [s, e). */
  const overlapping = (s: number, e: number): RawMatch | undefined => {
    const lo = lowerBound(byStart.length, (k) => outer[byStart[k]].start < e);
    let first = -1;
    for (let k = lo - 1; k >= 0; k--) {
      const i = byStart[k];
      const p = outer[i];
      if (p.start + longest <= s) break;
      if (p.end > s && !removed.has(p) && (first < 0 || i < first)) first = i;
    }
    if (first >= 0) return outer[first];
    return added.find((p) => p.start < e && s < p.end);
  };
  for (const seg of segments) {
    for (const inner of inside(seg)) {
      if (secrets.has(inner.secret)) continue;
      const o = overlapping(seg.start, seg.end);
      if (o) {
        const innerSaysMore = tier(inner) > 0 && inner.validated && !o.validated;
        if (!innerSaysMore && (tier(o) > 0 || tier(inner) === 0)) continue;
        if (added.includes(o)) added.splice(added.indexOf(o), 1);
        else removed.add(o);
        if (secrets.get(o.secret) === 1) secrets.delete(o.secret);
        else count(o.secret, -1);
      }
      added.push({ ...inner, start: seg.start, end: seg.end, decoded: inner.decoded ? `${seg.encoding}+${inner.decoded}` : seg.encoding });
      count(inner.secret, 1);
    }
  }
  if (removed.size === 0 && added.length === 0) return outer;
  return [...outer.filter((p) => !removed.has(p)), ...added];
}

/** Where `credsweep:allow` occurs in a chunk, found once; a hit asks whether its line holds one. */
class AllowMarks {
  private at?: number[];
  constructor(private readonly data: Buffer) {}

  within(from: number, to: number): boolean {
    const at = (this.at ??= this.find());
    const lo = lowerBound(at.length, (i) => at[i] < from);
    return lo < at.length && at[lo] + ALLOW_COMMENT.length <= to;
  }

  private find(): number[] {
    const at: number[] = [];
    for (let i = this.data.indexOf(ALLOW_COMMENT); i >= 0; i = this.data.indexOf(ALLOW_COMMENT, i + 1)) at.push(i);
    return at;
  }
}

function gate(rule: CompiledRule, secret: string, data: Buffer, start: number, end: number, lines: LineIndex, allow: AllowMarks): RawMatch | undefined {
  const spec = rule.spec;
  if (rule.allow.some((a) => a.test(secret))) return undefined;
  if (isDocumentedExample(secret)) return undefined;
  if (spec.entropy !== undefined && shannon(secret) < spec.entropy) return undefined;
  const lineStart = lines.lineStart(start);
  const lineEnd = lines.lineEnd(end);
  if (allow.within(lineStart, lineEnd)) return undefined;
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

/** The identifier a value is assigned to on its line: `password = "..."`, `API_KEY: ...`, `"token": "..."`. */
function assignedName(data: Buffer, lineStart: number, start: number): string | undefined {
  if (start - lineStart > 400) return undefined;
  const before = data.toString('utf8', lineStart, start);
  const m = /([A-Za-z_][A-Za-z0-9_.-]*)["'\]]?\s*(?::=|=>|[:=])\s*["'`]?[^"'`:=]*$/.exec(before);
  return m?.[1];
}
