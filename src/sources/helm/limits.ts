import { ChartInputError } from './chart-files.js';

/** Bounds that keep a hostile chart (bomb, deep, looping or fanned-out subcharts) from exhausting the scanner. */
export interface HelmLimits {
  /** Subchart nesting below the top chart. */
  maxDepth: number;
  /** Uncompressed bytes read for one top-level chart, subcharts and archives included. */
  maxTotalBytes: number;
  /** Larger files are skipped and listed. */
  maxFileSize: number;
  /** Entries in one archive. */
  maxEntries: number;
  /** Files and folders read for one top-level chart, every subchart and archive included. */
  maxTotalEntries: number;
  /** Charts read for one top-level chart, itself and every subchart included. */
  maxCharts: number;
}

export const DEFAULT_LIMITS: HelmLimits = {
  maxDepth: 10,
  maxTotalBytes: 256 * 1024 * 1024,
  maxFileSize: 10 * 1024 * 1024,
  maxEntries: 20_000,
  maxTotalEntries: 50_000,
  maxCharts: 1_000,
};

/** The budget of one top-level chart is spent: the whole chart stops here, with one error. */
export class BudgetError extends ChartInputError {}

/**
 * What one top-level chart may still expand to, shared by every archive and folder inside it:
 * bytes once decompressed, entries and charts. A chart that fans out into copies of copies
 * of subcharts is a few KB packed and gigabytes expanded; each level's bytes and each chart
 * are charged here, so the expanded total, not each archive alone, meets the limit.
 */
export class ChartBudget {
  used = 0;
  entries = 0;
  charts = 0;

  constructor(readonly limits: Pick<HelmLimits, 'maxTotalBytes' | 'maxTotalEntries' | 'maxCharts'>) {}

  get limit(): number {
    return this.limits.maxTotalBytes;
  }

  /** False once the byte budget is spent. */
  take(n: number): boolean {
    this.used += n;
    return this.used <= this.limits.maxTotalBytes;
  }

  /** Throws once the byte budget is spent. */
  takeBytes(n: number, what: string): void {
    if (!this.take(n)) throw new BudgetError(`${what}: refused: more than ${this.limits.maxTotalBytes} bytes once decompressed (--max-chart-bytes; decompression bomb?)`);
  }

  entry(what: string): void {
    if (++this.entries > this.limits.maxTotalEntries) throw new BudgetError(`${what}: refused: more than ${this.limits.maxTotalEntries} files and folders in one chart, subcharts included`);
  }

  chart(what: string): void {
    if (++this.charts > this.limits.maxCharts) throw new BudgetError(`${what}: refused: more than ${this.limits.maxCharts} charts in one chart, subcharts included (fan-out bomb?)`);
  }
}
