import type { Confidence, EmbeddedDates } from '../types.js';
import type { CompiledCatalogue, CompiledRule } from './compile.js';
import { looksRandom, shannon } from './entropy.js';
import { isDocumentedExample, isPlaceholder, isTemplated } from './placeholders.js';
import { pathContext } from './path-context.js';
import { decodedSegments } from './decode.js';
import { LineIndex } from './line-index.js';
import { candidateRules, windows } from './candidates.js';
import { dropOverlaps, pairUp, tier } from './resolve.js';
import { contextSpec, FINDING_CONTEXTS, isGeneratedContent, type FindingContext } from '../vocabulary/contexts.js';
import { inExampleField, mayHoldExampleFields } from './example-fields.js';
import { formatOfPath } from '../detectors/file-formats.js';

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
}

const STRENGTH = new Map(FINDING_CONTEXTS.map((c, i) => [c.id, i]));
const stronger = (a: FindingContext | undefined, b: FindingContext | undefined) =>
  a === undefined ? b : b === undefined ? a : STRENGTH.get(a)! <= STRENGTH.get(b)! ? a : b;

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
  // Decoded segments are no file of their own: format rules read the file as it stands.
  const format = opts.depth === undefined ? formatOfPath(opts.name) : undefined;
  if (format) for (const r of cat.formatRules.get(format.id) ?? []) candidates.push([r, null]);
  const out: RawMatch[] = [];
  const lines = new LineIndex(data);
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
        const hit: RawMatch = { ...inner, start: seg.start, end: seg.end, decoded: inner.decoded ? `${seg.encoding}+${inner.decoded}` : seg.encoding };
        const context = hit.context ? undefined : contextAt(seg.start);
        if (context) {
          hit.confidence = lower(hit.confidence);
          hit.context = context;
          hit.notes = [...hit.notes, `in ${contextSpec(context).title}: confidence lowered`];
        }
        paired.push(hit);
      }
    }
  }
  return paired;
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

/** The identifier a value is assigned to on its line: `password = "..."`, `API_KEY: ...`, `"token": "..."`. */
function assignedName(data: Buffer, lineStart: number, start: number): string | undefined {
  if (start - lineStart > 400) return undefined;
  const before = data.toString('utf8', lineStart, start);
  const m = /([A-Za-z_][A-Za-z0-9_.-]*)["'\]]?\s*(?::=|=>|[:=])\s*["'`]?[^"'`:=]*$/.exec(before);
  return m?.[1];
}
