import { LITERAL_ENCODED, LITERAL_KEYWORD, LITERAL_REQUIRED, type CompiledCatalogue, type CompiledRule } from './compile.js';
import type { LineIndex } from './line-index.js';

/** Keyword hits per rule, as [start, end, start, end, ...]; `null` once there are too many to window. */
export type Near = number[] | null;
const MAX_NEAR = 512;
/** Encoded-keyword positions kept per chunk: decoding is capped at 64 segments anyway. */
const MAX_ENCODED = 64;

/**
 * One prefilter pass: the rules whose keywords occur with where they occur, and where
 * base64-encoded keywords occur. Rules come back in catalogue order.
 */
export function candidateRules(cat: CompiledCatalogue, data: Buffer): { candidates: Array<[CompiledRule, Near]>; encodedAt: number[] } {
  const near = new Map<CompiledRule, Near>();
  const encodedAt: number[] = [];
  const seen = new Set<number>();
  // Returns true once a literal can add nothing: every rule it wakes already runs over the
  // whole chunk, enough encoded hits are known, a required literal is known to occur.
  cat.prefilter.scan(data, (id, end) => {
    const kind = cat.literalKinds[id];
    if (kind & LITERAL_REQUIRED) seen.add(id);
    if (kind & LITERAL_ENCODED) {
      if (encodedAt.length < MAX_ENCODED) encodedAt.push(end - cat.literals[id].length);
      return encodedAt.length >= MAX_ENCODED;
    }
    if (!(kind & LITERAL_KEYWORD)) return true;
    const start = end - cat.literals[id].length;
    let saturated = true;
    for (const r of cat.keywordRules[id]) {
      const h = near.get(r);
      if (h === undefined) {
        near.set(r, [start, end]);
        saturated = false;
      } else if (h !== null) {
        if (h.length >= MAX_NEAR) near.set(r, null);
        else {
          h.push(start, end);
          saturated = false;
        }
      }
    }
    return saturated;
  });
  // A rule whose required literals are all missing cannot match here: it is neither compiled nor run.
  const candidates = [...near].filter(([r]) => {
    const req = cat.ruleRequires[r.index];
    return req === undefined || req.some((id) => seen.has(id));
  });
  return { candidates: candidates.sort((a, b) => a[0].index - b[0].index), encodedAt };
}

// Snapping a window to whole lines is skipped when a line is longer than this (minified code).
const MAX_SNAP = 4096;

/**
 * The parts of the chunk a rule must see: `window` bytes around each keyword hit, widened
 * to whole lines, merged. Running a rule near its keywords instead of over the whole chunk
 * is what keeps context rules (keyword `password`, `https://`) cheap on large files.
 */
export function windows(near: Near, window: number, length: number, lines: LineIndex): Array<[number, number]> {
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
    const last = out[out.length - 1];
    // Merging into the previous window: its start needs no line start, and an end short of
    // its end (which was snapped to a line end already, or could not be) changes nothing.
    if (last && a <= last[1]) {
      if (b < last[1]) continue;
      const le = lines.endOfLine(b);
      const we = le - b <= MAX_SNAP ? Math.min(length, le + 1) : b;
      covered += Math.max(0, we - last[1]);
      last[1] = Math.max(last[1], we);
      continue;
    }
    const ls = lines.startOfLine(a);
    const le = lines.endOfLine(b);
    const ws = a - ls <= MAX_SNAP ? ls : a;
    const we = le - b <= MAX_SNAP ? Math.min(length, le + 1) : b;
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
