import type { Chunk, Finding, ScanError, SkippedInput } from '../types.js';
import { utf16Encoding } from '../util/text-encoding.js';

/**
 * What every source (dir, git, image, helm) gives the pipeline: a stream of chunks to scan,
 * and, after the scan, a chance to enrich findings with what only the source knows
 * (provenance, hidden layers, yaml paths) or to add structural findings of its own.
 */
export interface Source {
  /** Shown in progress and errors, e.g. the folder or archive scanned. */
  readonly name: string;
  chunks(): AsyncIterable<Chunk>;
  /** Called once with every engine finding; returns the final list. */
  finish?(findings: Finding[]): Promise<Finding[]> | Finding[];
  readonly skipped: SkippedInput[];
  readonly errors: ScanError[];
  /** The source ticks the progress line itself (it knows totals the pipeline does not). */
  readonly drivesProgress?: boolean;
  /**
   * The scan covered only part of the target (a commit range, one branch): the inventory
   * must not mark credentials outside it as fixed.
   */
  readonly partial?: boolean;
}

/**
 * Binary if a NUL byte occurs in the first 8 KB (git's own heuristic), unless the bytes are
 * UTF-16 text (the engine reads that as UTF-8: see util/text-encoding).
 */
export function isBinary(data: Buffer): boolean {
  return data.subarray(0, 8192).includes(0) && !utf16Encoding(data);
}
