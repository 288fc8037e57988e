import { readSync } from 'node:fs';
import type { Chunk, Finding, Origin } from '../types.js';

/**
 * Inputs larger than this are scanned in pieces: the engine turns text into strings, and V8
 * refuses strings over ~512M characters, so a 530 MB one-line file used to kill the scan.
 * Pieces also keep each batch (and its copy in a worker) small.
 */
export const PIECE_BYTES = 8 * 1024 * 1024;
/** Pieces overlap by this much, so a secret across a cut is whole in one of them. */
export const PIECE_OVERLAP = 64 * 1024;

/**
 * The largest input a source holds whole in memory (a git blob, a file inside an image layer
 * or a chart); a larger one is skipped as too large whatever --max-file-size allows. Folders
 * are read a piece at a time and have no such bound.
 */
export const MAX_HELD_BYTES = 2 ** 31 - 1;

/** A place in the whole input, as the engine reports it: 1-based line, 1-based UTF-16 column. */
interface Place {
  line: number;
  column: number;
}

/** Where one piece sits in the whole input, to put its findings back in place. */
interface PieceInfo {
  whole: Origin;
  /** Line of the piece's first byte; its columns there are counted from the cut, not the line start. */
  firstLine: number;
  /** Columns before the cut on that line. */
  columnShift: number;
  /** A finding belongs to the piece when it starts in [ownFrom, ownTo): each is kept once. */
  ownFrom?: Place;
  ownTo?: Place;
}

type Reader = (pos: number, len: number) => Buffer;

/**
 * Cuts large inputs into overlapping pieces (each a chunk with an origin object of its own),
 * and afterwards puts the findings back: columns on a piece's first line are shifted to the
 * line's start, a finding seen by two pieces in their overlap is kept once (the piece whose
 * half of the overlap it starts in), and the origin becomes the whole input's again.
 */
export class Pieces {
  private readonly info = new Map<Origin, PieceInfo>();

  constructor(readonly size = PIECE_BYTES, readonly overlap = PIECE_OVERLAP) {
    if (!(size > 2 * overlap && overlap >= 2)) throw new Error(`piece size ${size} must exceed twice the overlap ${overlap}`);
  }

  /** How many inputs were cut (a piece count of one is not a cut). */
  get cutInputs(): number {
    return new Set([...this.info.values()].map((i) => i.whole)).size;
  }

  /** The chunk itself when it fits one piece, else its pieces. */
  *split(chunk: Chunk): Generator<Chunk> {
    if (chunk.data.length <= this.size) {
      yield chunk;
      return;
    }
    const { data, ...base } = chunk;
    yield* this.cut(base, (pos, len) => data.subarray(pos, pos + len));
  }

  /**
   * An open file read one piece at a time, up to `maxBytes`: never more than a piece and
   * its overlap in memory, whatever the file's size (or the size its stat claims).
   */
  *readFile(fd: number, base: Omit<Chunk, 'data'>, maxBytes: number): Generator<Chunk> {
    yield* this.cut(base, (pos, len) => {
      const n = Math.max(0, Math.min(len, maxBytes - pos));
      const buf = Buffer.allocUnsafe(n);
      let got = 0;
      while (got < n) {
        const r = readSync(fd, buf, got, n - got, pos + got);
        if (r === 0) break;
        got += r;
      }
      return got === n ? buf : buf.subarray(0, got);
    });
  }

  private *cut(base: Omit<Chunk, 'data'>, read: Reader): Generator<Chunk> {
    const baseLines = base.lineOffset ?? 0;
    let start = 0;
    // Place of `start` in the whole input.
    let at: Place = { line: baseLines + 1, column: 1 };
    let ownFrom: Place | undefined;
    for (;;) {
      const more = read(start, this.size + 1);
      const last = more.length <= this.size;
      const data = last ? more : more.subarray(0, this.size);
      const origin = { ...base.origin } as Origin;
      const info: PieceInfo = { whole: base.origin, firstLine: at.line, columnShift: at.column - 1, ownFrom };
      let next = 0;
      if (!last) {
        next = charStart(data, data.length - this.overlap);
        const boundary = charStart(data, next + (this.overlap >> 1));
        info.ownTo = placeOf(data, boundary, at);
        ownFrom = info.ownTo;
      }
      this.info.set(origin, info);
      yield { ...base, data, origin, lineOffset: at.line - 1 };
      if (last) return;
      at = placeOf(data, next, at);
      start += next;
    }
  }

  /** Findings of pieces back in the whole input's terms; other findings pass through. */
  finish(findings: Finding[]): Finding[] {
    if (this.info.size === 0) return findings;
    const out: Finding[] = [];
    for (const f of findings) {
      const p = this.info.get(f.origin);
      if (!p) {
        out.push(f);
        continue;
      }
      if (f.line === p.firstLine) f.column += p.columnShift;
      if (f.endLine === p.firstLine) f.endColumn += p.columnShift;
      if (p.ownFrom && before(f, p.ownFrom)) continue;
      if (p.ownTo && !before(f, p.ownTo)) continue;
      f.origin = p.whole;
      out.push(f);
    }
    return out;
  }
}

function before(a: Place, b: Place): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}

/** Moves a cut back off UTF-8 continuation bytes, so no character is split. */
function charStart(data: Buffer, pos: number): number {
  let p = pos;
  while (p > 0 && p > pos - 3 && (data[p] & 0xc0) === 0x80) p--;
  return p;
}

/** Place of byte `pos` of `data`, whose first byte is at `at`. */
function placeOf(data: Buffer, pos: number, at: Place): Place {
  let lines = 0;
  let lastLf = -1;
  for (let i = data.indexOf(10); i >= 0 && i < pos; i = data.indexOf(10, i + 1)) {
    lines++;
    lastLf = i;
  }
  if (lines === 0) return { line: at.line, column: at.column + utf16Length(data, 0, pos) };
  return { line: at.line + lines, column: 1 + utf16Length(data, lastLf + 1, pos) };
}

/**
 * Characters (UTF-16 units, as the engine counts columns) in `data[from, to)` of UTF-8,
 * without building a string: a line can be longer than any string may be.
 */
export function utf16Length(data: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = data[i];
    if ((c & 0xc0) !== 0x80) n += c >= 0xf0 ? 2 : 1;
  }
  return n;
}
