import type { Finding, ScanResult } from '../types.js';
import type { Source } from '../sources/source.js';
import type { Scanner } from '../engine/scanner.js';
import type { Progress } from '../util/progress.js';

/** A source's scan: its findings, skips and errors, and whether it covered only part of its target. */
export interface SourceResult extends ScanResult {
  partial: boolean;
}

/**
 * Runs one source through the engine: chunks stream into the worker pool while the
 * source is still reading, then the source enriches the findings (provenance etc.).
 */
export async function scanSource(source: Source, scanner: Scanner, progress?: Progress): Promise<SourceResult> {
  const t0 = process.hrtime.bigint();
  const before = { ...scanner.stats };
  const engineErrors = scanner.errors.length;
  const raw: Finding[] = [];
  const counted = progress && !source.drivesProgress ? countProgress(source.chunks(), progress) : source.chunks();
  for await (const f of scanner.scan(counted)) {
    raw.push(f);
    if (progress) progress.findings++;
  }
  const findings = source.finish ? await source.finish(raw) : raw;
  progress?.done();
  findings.sort(findingOrder);
  return {
    partial: !!source.partial,
    findings,
    skipped: source.skipped,
    // Inputs the engine could not scan (a worker crashed or overran twice) count like unreadable ones.
    errors: [...source.errors, ...scanner.errors.slice(engineErrors)],
    stats: {
      chunks: scanner.stats.chunks - before.chunks,
      bytes: scanner.stats.bytes - before.bytes,
      seconds: Number(process.hrtime.bigint() - t0) / 1e9,
      threads: scanner.threads,
    },
  };
}

async function* countProgress<T extends { data: Buffer }>(it: AsyncIterable<T>, p: Progress): AsyncGenerator<T> {
  for await (const c of it) {
    p.tick(c.data.length);
    yield c;
  }
}

export function findingOrder(a: Finding, b: Finding): number {
  const pa = 'path' in a.origin ? a.origin.path : '';
  const pb = 'path' in b.origin ? b.origin.path : '';
  return pa.localeCompare(pb) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);
}
