/**
 * Case-insensitive multi-literal search (Aho-Corasick, dense DFA over byte classes).
 *
 * Why not RE2 here: an RE2 alternation of the whole catalogue's keywords (hundreds of
 * literals plus their base64 forms) overflows RE2's DFA memory budget and falls back to
 * slow paths (measured: ~40 MB/s for 776 keywords, ~0 with 4,500 encoded forms), while
 * a flat transition table walks each byte with one array load, whatever the keyword count.
 */
import { WasmWalk } from './dfa-walk.js';

export class KeywordAutomaton {
  private readonly classes: Uint8Array; // byte -> class (ASCII letters folded to lower case)
  private readonly width: number;
  private readonly delta: Int32Array; // state * width + class -> state
  private readonly outStart: Int32Array; // state -> first index into outList, -1 if none
  private readonly outList: Int32Array; // keyword ids, each run terminated by -1
  /** Length in bytes of the longest keyword: how far a stripe must start before its share. */
  private readonly longest: number;
  // Per scan: keywords the caller wants no more of, and states all of whose keywords are such.
  private readonly mutedIds: Uint8Array;
  private readonly mutedStates: Uint8Array;
  /** The same walk in WebAssembly, built on first scan; null where it cannot run. */
  private wasm?: WasmWalk | null;

  /** `engine: 'js'` keeps the JS walk (tests compare the two). */
  constructor(keywords: string[], private readonly engine: 'wasm' | 'js' = 'wasm') {
    this.longest = Math.max(1, ...keywords.map((k) => Buffer.byteLength(k, 'latin1')));
    const lower = keywords.map((k) => Buffer.from(k.toLowerCase(), 'latin1'));
    // Byte classes: every byte that occurs in a keyword gets its own class, the rest share 0.
    const classes = new Uint8Array(256);
    let width = 1;
    for (const k of lower) for (const b of k) if (classes[b] === 0) classes[b] = width++;
    for (let c = 65; c <= 90; c++) classes[c] = classes[c + 32];
    if (width > 255) throw new Error('too many distinct keyword bytes');
    // Trie, as linked lists of children in flat arrays (one object per state cost most of
    // the build in garbage collection).
    const firstChild: number[] = [-1];
    const sibling: number[] = [-1];
    const classOf: number[] = [0];
    const outs: number[][] = [[]];
    const child = (s: number, c: number): number => {
      for (let t = firstChild[s]; t >= 0; t = sibling[t]) if (classOf[t] === c) return t;
      return -1;
    };
    lower.forEach((k, id) => {
      let s = 0;
      for (const b of k) {
        const c = classes[b];
        let t = child(s, c);
        if (t < 0) {
          t = firstChild.length;
          firstChild.push(-1);
          classOf.push(c);
          sibling.push(firstChild[s]);
          firstChild[s] = t;
          outs.push([]);
        }
        s = t;
      }
      outs[s].push(id);
    });
    // Failure links, breadth first, folded into a dense table.
    const n = firstChild.length;
    const delta = new Int32Array(n * width);
    const fail = new Int32Array(n);
    const queue: number[] = [];
    for (let t = firstChild[0]; t >= 0; t = sibling[t]) {
      delta[classOf[t]] = t;
      queue.push(t);
    }
    // A state's row is its failure state's row (complete: that state is shallower) with its
    // own children written over it: a row copy instead of a lookup per class.
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi];
      const f = fail[s];
      if (outs[f].length) outs[s].push(...outs[f]);
      delta.copyWithin(s * width, f * width, f * width + width);
      for (let t = firstChild[s]; t >= 0; t = sibling[t]) {
        const c = classOf[t];
        fail[t] = delta[f * width + c];
        delta[s * width + c] = t;
        queue.push(t);
      }
    }
    // Targets are stored premultiplied by the row width (one add per byte, no multiply) and
    // negated when the target state reports keywords (one sign test per byte).
    const reports = Uint8Array.from(outs, (o) => (o.length ? 1 : 0));
    for (let i = 0; i < delta.length; i++) delta[i] = reports[delta[i]] ? -delta[i] * width : delta[i] * width;
    const outStart = new Int32Array(n).fill(-1);
    const list: number[] = [];
    for (let s = 0; s < n; s++) {
      if (outs[s].length === 0) continue;
      outStart[s] = list.length;
      list.push(...new Set(outs[s]), -1);
    }
    this.classes = classes;
    this.width = width;
    this.delta = delta;
    this.outStart = outStart;
    this.outList = Int32Array.from(list);
    this.mutedIds = new Uint8Array(keywords.length);
    this.mutedStates = new Uint8Array(n);
  }

  /**
   * Calls `onMatch(keywordId, endOffset)` for every occurrence, not in offset order, until
   * `onMatch` returns true for a keyword: that keyword is not reported again in this scan
   * (a caller that has seen enough of a keyword stops paying for it at every byte).
   *
   * The walk is bound by the latency of each table load, which depends on the previous one,
   * so a long buffer is cut into four stripes walked in one loop: four independent chains
   * keep the CPU busy (measured 2x on this catalogue; C is no faster than this JS, the
   * loads are the cost). Each stripe after the first starts `longest - 1` bytes early with
   * a fresh state and reports only matches ending inside it, so every match is reported
   * exactly once.
   */
  scan(input: Uint8Array, onMatch: (id: number, end: number) => boolean | void): void {
    // Element loads from a plain Uint8Array view run faster than from a Buffer (a subclass).
    const data = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    const n = data.length;
    const { outStart, outList, width, mutedIds, mutedStates } = this;
    const touched: number[] = [];
    // Hits are handed on whenever the buffer fills, so its memory is fixed whatever the input
    // (300 MB of one letter that a keyword repeats is a hit at every byte).
    hits.flush = () => {
      for (let k = 0; k < hits.count; k += 2) {
        const state = hits.buf[k] / width;
        if (mutedStates[state]) continue;
        const end = hits.buf[k + 1];
        let live = 0;
        for (let j = outStart[state]; outList[j] >= 0; j++) {
          const id = outList[j];
          if (mutedIds[id]) continue;
          if (onMatch(id, end) === true) {
            mutedIds[id] = 1;
            touched.push(id);
          } else live++;
        }
        if (live === 0) {
          mutedStates[state] = 1;
          touched.push(-1 - state);
        }
      }
      hits.count = 0;
    };
    hits.count = 0;
    try {
      if (this.engine === 'wasm') this.wasm ??= WasmWalk.create(this.classes, this.delta, this.longest) ?? null;
      if (this.wasm) this.wasm.walk(data, push);
      else if (n < STRIPED_MIN || n >> 2 <= this.longest) walk(this.classes, this.delta, data, 0, n, 0, 0);
      else striped(this.classes, this.delta, data, this.longest - 1);
      hits.flush();
    } finally {
      hits.flush = noFlush;
      for (const t of touched) {
        if (t >= 0) mutedIds[t] = 0;
        else mutedStates[-1 - t] = 0;
      }
    }
  }
}

/** (state, end) pairs found by one scan, handed on by `flush` when the fixed buffer fills. */
const noFlush = () => {
  hits.count = 0;
};
const hits = { buf: new Int32Array(8192), count: 0, flush: noFlush };

function push(state: number, end: number): void {
  if (hits.count + 2 > hits.buf.length) hits.flush();
  hits.buf[hits.count++] = state;
  hits.buf[hits.count++] = end;
}

/** Four stripes walked in one loop; each after the first starts `lead` bytes early and reports only matches ending inside it. */
function striped(classes: Uint8Array, delta: Int32Array, data: Uint8Array, lead: number): void {
  const n = data.length;
  const q = n >> 2;
  const b1 = q, b2 = 2 * q, b3 = 3 * q;
  let i1 = b1 - lead, i2 = b2 - lead, i3 = b3 - lead;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (let i0 = 0; i0 < q; i0++, i1++, i2++, i3++) {
    s0 = delta[s0 + classes[data[i0]]];
    s1 = delta[s1 + classes[data[i1]]];
    s2 = delta[s2 + classes[data[i2]]];
    s3 = delta[s3 + classes[data[i3]]];
    if ((s0 | s1 | s2 | s3) < 0) {
      if (s0 < 0) push((s0 = -s0), i0 + 1);
      if (s1 < 0 && (s1 = -s1) && i1 + 1 > b1) push(s1, i1 + 1);
      if (s2 < 0 && (s2 = -s2) && i2 + 1 > b2) push(s2, i2 + 1);
      if (s3 < 0 && (s3 = -s3) && i3 + 1 > b3) push(s3, i3 + 1);
    }
  }
  walk(classes, delta, data, i1, b2, s1, b1);
  walk(classes, delta, data, i2, b3, s2, b2);
  walk(classes, delta, data, i3, n, s3, b3);
}

/** One stretch from `from` to `to` starting in state `s`; records matches ending after `after`. */
function walk(classes: Uint8Array, delta: Int32Array, data: Uint8Array, from: number, to: number, s: number, after: number): void {
  for (let i = from; i < to; i++) {
    s = delta[s + classes[data[i]]];
    if (s < 0) {
      s = -s;
      if (i + 1 > after) push(s, i + 1);
    }
  }
}

// Below this the stripes' set-up costs more than the interleaving gains.
const STRIPED_MIN = 4096;
