/** Bounds that keep a hostile chart (bomb, deep or looping subcharts) from exhausting the scanner. */
export interface HelmLimits {
  /** Subchart nesting below the top chart. */
  maxDepth: number;
  /** Uncompressed bytes read for one top-level chart, subcharts and archives included. */
  maxTotalBytes: number;
  /** Larger files are skipped and listed. */
  maxFileSize: number;
  /** Entries in one archive. */
  maxEntries: number;
}

export const DEFAULT_LIMITS: HelmLimits = {
  maxDepth: 10,
  maxTotalBytes: 256 * 1024 * 1024,
  maxFileSize: 10 * 1024 * 1024,
  maxEntries: 20_000,
};

/** Bytes left to read for one top-level chart; shared by every archive and folder inside it. */
export class ByteBudget {
  used = 0;
  constructor(readonly limit: number) {}

  /** False once the budget is spent. */
  take(n: number): boolean {
    this.used += n;
    return this.used <= this.limit;
  }
}
