import type { WorkMeter } from './work-meter.js';

/** Bytes per block of the index: every query examines at most this many bytes. */
const BLOCK = 512;
/** Bytes decoded at once when counting a column's characters. */
const PIECE = 1 << 20;

/**
 * Byte offset -> line/column for one chunk.
 *
 * A hostile chunk can be one 10 MB line with a hit every 40 bytes, or 300 MB of newlines,
 * so neither "search back to the line start" (quadratic on long lines) nor "one entry per
 * line" (memory per newline) will do. The chunk is cut into 512-byte blocks; a query reads
 * at most the block it falls in, and what lies beyond a block (the last newline before it,
 * the first after it, the newlines before it) is worked out on first need and remembered
 * for every block passed on the way, so each byte is read a bounded number of times
 * however the queries fall, and only near hits (most of a chunk is never looked at).
 * Memory: three numbers per block, 2.3% of the chunk.
 */
export class LineIndex {
  private readonly bytes: Uint8Array;
  private readonly blocks: number;
  // Per block, -2 until known: the last newline before the block's start (-1: none)...
  private lastNl?: Int32Array;
  // ...the first newline at or after it (the chunk's length: none)...
  private nextNl?: Int32Array;
  // ...and the newlines before it, known for blocks below `countedTo`.
  private before?: Int32Array;
  private countedTo = 0;
  // The line last asked about: hits come in order along a line, so most queries hit it.
  private curStart = 0;
  private curEnd = -1;
  private curNumber = 0;

  constructor(
    private readonly data: Buffer,
    private readonly meter?: WorkMeter,
  ) {
    this.bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    this.blocks = Math.floor(data.length / BLOCK) + 1;
  }

  /** Offset of the first byte of the line holding `pos`. */
  lineStart(pos: number): number {
    this.seek(pos);
    return this.curStart;
  }

  /** Offset of the newline ending the line holding `pos`, or the chunk's length. */
  lineEnd(pos: number): number {
    this.seek(pos);
    return this.curEnd;
  }

  /**
   * `lineStart` and `lineEnd` reading one direction only and leaving the current line alone:
   * for callers that ask about many scattered offsets once each (rule windows).
   */
  startOfLine(pos: number): number {
    if (pos >= this.curStart && pos <= this.curEnd) return this.curStart;
    return this.startBefore(pos);
  }

  endOfLine(pos: number): number {
    if (pos >= this.curStart && pos <= this.curEnd) return this.curEnd;
    return this.endAfter(pos);
  }

  /** 1-based line of a byte offset. */
  lineOf(pos: number): number {
    this.seek(pos);
    if (this.curNumber === 0) {
      const from = this.curStart - (this.curStart % BLOCK);
      let count = this.newlinesBefore(from / BLOCK);
      const b = this.bytes;
      if (this.meter) this.meter.lineBytes += this.curStart - from;
      for (let i = from; i < this.curStart; i++) if (b[i] === 10) count++;
      this.curNumber = count + 1;
    }
    return this.curNumber;
  }

  /**
   * 1-based columns in characters (UTF-16 units, as JS counts them; not bytes) of many
   * offsets at once. Walking them in order decodes each stretch of a line once, however
   * many hits share the line.
   */
  columnsOf(positions: number[]): Map<number, number> {
    const sorted = [...new Set(positions)].sort((a, b) => a - b);
    const out = new Map<number, number>();
    let at = -1;
    let col = 0;
    let lineStart = -1;
    for (const pos of sorted) {
      const ls = this.lineStart(pos);
      if (ls !== lineStart) {
        lineStart = ls;
        at = ls;
        col = 1;
      }
      if (this.meter) this.meter.lineBytes += pos - at;
      col += this.units(at, pos);
      at = pos;
      out.set(pos, col);
    }
    return out;
  }

  /**
   * Characters (UTF-16 units) in [from, to), decoded a piece at a time: a hit 600 MB along
   * one line must not need a 600 MB string (V8 refuses strings over 512 MB). Pieces end on
   * a character boundary.
   */
  private units(from: number, to: number): number {
    let n = 0;
    while (to - from > PIECE) {
      let cut = from + PIECE;
      for (let k = 0; k < 3 && (this.bytes[cut] & 0xc0) === 0x80; k++) cut--;
      n += this.data.toString('utf8', from, cut).length;
      from = cut;
    }
    return n + this.data.toString('utf8', from, to).length;
  }

  /** 1-based column of one offset. */
  columnOf(pos: number): number {
    return this.columnsOf([pos]).get(pos)!;
  }

  /** Makes the line holding `pos` the current one. */
  private seek(pos: number): void {
    if (pos >= this.curStart && pos <= this.curEnd) return;
    this.curStart = this.startBefore(pos);
    this.curEnd = this.endAfter(pos);
    this.curNumber = 0;
  }

  /**
   * Start of the line holding `pos`: its own block, then the block before, searched by hand
   * (most lines are short, and no allocation is made for them); past that, a walk back over
   * whole blocks that records its answer for every block it crosses, so no stretch of a long
   * line is walked twice.
   */
  private startBefore(pos: number): number {
    const b = this.bytes;
    const blk = (pos / BLOCK) | 0;
    const from = blk * BLOCK;
    let i = pos - 1;
    while (i >= from && b[i] !== 10) i--;
    if (this.meter) this.meter.lineBytes += pos - 1 - i;
    if (i >= from) return i + 1;
    if (blk === 0) return 0;
    if (this.lastNl && this.lastNl[blk] !== -2) return this.lastNl[blk] + 1;
    const prev = from - BLOCK;
    while (i >= prev && b[i] !== 10) i--;
    if (this.meter) this.meter.lineBytes += from - 1 - i;
    if (i >= prev) return i + 1;
    return this.lastNewlineBefore(blk - 1, blk) + 1;
  }

  /** Offset of the newline ending the line holding `pos` (or the length), found likewise. */
  private endAfter(pos: number): number {
    const b = this.bytes;
    const n = b.length;
    const blk = (pos / BLOCK) | 0;
    const blockEnd = Math.min(n, (blk + 1) * BLOCK);
    let i = pos;
    while (i < blockEnd && b[i] !== 10) i++;
    if (this.meter) this.meter.lineBytes += i - pos;
    if (i < blockEnd) return i;
    if (blockEnd >= n) return n;
    if (this.nextNl && this.nextNl[blk + 1] !== -2) return this.nextNl[blk + 1];
    const next = Math.min(n, blockEnd + BLOCK);
    while (i < next && b[i] !== 10) i++;
    if (this.meter) this.meter.lineBytes += i - blockEnd;
    if (i < next) return i;
    return next >= n ? n : this.firstNewlineFrom(blk + 2, blk + 1);
  }

  /** Last newline before block `k` starts (-1: none), known to be none in blocks k..upTo-1; recorded for k..upTo. */
  private lastNewlineBefore(k: number, upTo: number): number {
    const memo = (this.lastNl ??= new Int32Array(this.blocks).fill(-2));
    const b = this.bytes;
    let j = k;
    let found = -1;
    while (j > 0 && memo[j] === -2) {
      const lo = (j - 1) * BLOCK;
      if (this.meter) this.meter.lineBytes += BLOCK;
      let i = j * BLOCK - 1;
      while (i >= lo && b[i] !== 10) i--;
      if (i >= lo) {
        found = i;
        break;
      }
      j--;
    }
    if (j > 0 && memo[j] !== -2 && found < 0) found = memo[j];
    for (let m = upTo; m >= j && m >= 0; m--) memo[m] = found;
    return found;
  }

  /** First newline at or after block `k`'s start (the length: none), none in blocks from..k-1; recorded for from..k and on. */
  private firstNewlineFrom(k: number, from: number): number {
    const memo = (this.nextNl ??= new Int32Array(this.blocks).fill(-2));
    const b = this.bytes;
    const n = b.length;
    let j = k;
    let found = n;
    while (j < this.blocks && memo[j] === -2) {
      const lo = j * BLOCK;
      const hi = Math.min(n, lo + BLOCK);
      if (this.meter) this.meter.lineBytes += hi - lo;
      let i = lo;
      while (i < hi && b[i] !== 10) i++;
      if (i < hi) {
        found = i;
        break;
      }
      j++;
    }
    if (j < this.blocks && memo[j] !== -2 && found === n) found = memo[j];
    for (let m = from; m <= j && m < this.blocks; m++) memo[m] = found;
    return found;
  }

  /** Newlines before block `k`, counting forward from the last block counted. */
  private newlinesBefore(k: number): number {
    const before = (this.before ??= new Int32Array(this.blocks));
    const b = this.bytes;
    while (this.countedTo < k) {
      const j = this.countedTo;
      const lo = j * BLOCK;
      const hi = Math.min(b.length, lo + BLOCK);
      if (this.meter) this.meter.lineBytes += hi - lo;
      let c = before[j];
      for (let i = lo; i < hi; i++) if (b[i] === 10) c++;
      before[j + 1] = c;
      this.countedTo = j + 1;
    }
    return before[k];
  }
}
