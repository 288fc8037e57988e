import type { WorkMeter } from './work-meter.js';

/** Bytes per block of the index: every query examines at most this many bytes. */
const BLOCK = 512;
/** Bytes decoded at once when counting a column's characters. */
const PIECE = 1 << 20;

/**
 * Byte offset -> line/column for one chunk, built lazily (most chunks have no hits).
 *
 * A hostile chunk can be one 10 MB line with a hit every 40 bytes, or 300 MB of newlines,
 * so neither "search back to the line start" (quadratic on long lines) nor "one entry per
 * line" (memory per newline) will do. The index keeps three numbers per 512-byte block (the
 * newlines before it, the last newline before it, the first newline at or after it): memory
 * is 2.3% of the chunk whatever its shape, and every query reads at most one block.
 */
export class LineIndex {
  private before?: Int32Array;
  private lastNl?: Int32Array;
  private nextNl?: Int32Array;
  private readonly bytes: Uint8Array;
  // The line last asked about: hits come in order along a line, so most queries hit it.
  private curStart = 0;
  private curEnd = -1;
  private curNumber = 0;

  constructor(
    private readonly data: Buffer,
    private readonly meter?: WorkMeter,
  ) {
    this.bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
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

  /** 1-based line of a byte offset. */
  lineOf(pos: number): number {
    this.seek(pos);
    if (this.curNumber === 0) {
      const from = this.curStart - (this.curStart % BLOCK);
      let count = this.before![from / BLOCK];
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

  /** Makes the line holding `pos` the current one, reading at most one block each way. */
  private seek(pos: number): void {
    if (pos >= this.curStart && pos <= this.curEnd) return;
    this.build();
    const b = this.bytes;
    const n = b.length;
    const from = pos - (pos % BLOCK);
    let start = -1;
    for (let i = pos - 1; i >= from; i--) {
      if (b[i] === 10) {
        start = i + 1;
        break;
      }
    }
    if (start < 0) start = this.lastNl![from / BLOCK] + 1;
    const blockEnd = Math.min(n, from + BLOCK);
    let end = -1;
    for (let i = pos; i < blockEnd; i++) {
      if (b[i] === 10) {
        end = i;
        break;
      }
    }
    if (end < 0) end = blockEnd >= n ? n : this.nextNl![blockEnd / BLOCK];
    if (this.meter) this.meter.lineBytes += Math.min(pos - from, pos - start) + Math.min(blockEnd, end) - pos;
    this.curStart = start;
    this.curEnd = end;
    this.curNumber = 0;
  }

  private build(): void {
    if (this.before) return;
    const b = this.bytes;
    const n = b.length;
    const blocks = Math.floor(n / BLOCK) + 1;
    const before = new Int32Array(blocks);
    const lastNl = new Int32Array(blocks);
    const nextNl = new Int32Array(blocks).fill(n);
    if (this.meter) this.meter.lineBytes += n;
    let count = 0;
    let last = -1;
    let waiting = 0; // first block whose next newline is not known yet
    for (let k = 0; k < blocks; k++) {
      before[k] = count;
      lastNl[k] = last;
      const end = Math.min(n, (k + 1) * BLOCK);
      for (let i = k * BLOCK; i < end; i++) {
        if (b[i] === 10) {
          count++;
          last = i;
          for (; waiting <= k; waiting++) nextNl[waiting] = i;
        }
      }
    }
    this.before = before;
    this.lastNl = lastNl;
    this.nextNl = nextNl;
  }
}
