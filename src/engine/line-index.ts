/** Byte offset -> line/column for one chunk, built lazily: most chunks have no hits. */
export class LineIndex {
  private starts?: number[];
  constructor(private readonly data: Buffer) {}

  lineStart(pos: number): number {
    return pos === 0 ? 0 : this.data.lastIndexOf(10, pos - 1) + 1;
  }

  lineEnd(pos: number): number {
    const i = this.data.indexOf(10, pos);
    return i < 0 ? this.data.length : i;
  }

  /** 1-based line of a byte offset. */
  lineOf(pos: number): number {
    const s = this.build();
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** 1-based column in characters (not bytes) of a byte offset. */
  columnOf(pos: number): number {
    return this.data.toString('utf8', this.lineStart(pos), pos).length + 1;
  }

  private build(): number[] {
    if (this.starts) return this.starts;
    const s = [0];
    let i = -1;
    while ((i = this.data.indexOf(10, i + 1)) !== -1) s.push(i + 1);
    this.starts = s;
    return s;
  }
}
