import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import type { SkippedInput } from '../../types.js';
import { ChartInputError, type ChartFile, type ChartFiles } from './chart-files.js';
import { BudgetError, type ChartBudget, type HelmLimits } from './limits.js';

/** Stops the stream once the budget of uncompressed bytes is spent: a gzip bomb never fills memory. */
class Meter extends Transform {
  constructor(private readonly budget: ChartBudget, private readonly label: string) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    try {
      this.budget.takeBytes(chunk.length, this.label);
    } catch (e) {
      cb(e as Error);
      return;
    }
    cb(null, chunk);
  }
}

function unsafeName(name: string): boolean {
  return name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.includes('\\') || name.split('/').some((s) => s === '..');
}

/**
 * A chart archive as `helm package` writes it (gzipped tar, the chart folder as its single
 * top-level directory), read from a stream into memory within the limits. Traversal
 * entries, links, more than one top-level folder, or a bomb refuse the whole archive.
 */
export async function readChartArchive(input: Readable | Buffer, label: string, limits: HelmLimits, budget: ChartBudget, skipped: SkippedInput[]): Promise<ChartFiles> {
  const files: ChartFile[] = [];
  let top: string | undefined;
  let entries = 0;
  const extract = tar.extract();
  const consume = async () => {
    for await (const entry of extract) {
      const h = entry.header;
      const name = h.name.replace(/^\.\//, '');
      if (++entries > limits.maxEntries) throw new ChartInputError(`${label}: refused: more than ${limits.maxEntries} entries`);
      budget.entry(label);
      if (unsafeName(name)) throw new ChartInputError(`${label}: refused: entry ${JSON.stringify(name)} escapes the archive (path traversal)`);
      const first = name.split('/')[0];
      if (top === undefined) top = first;
      else if (first !== top) throw new ChartInputError(`${label}: refused: more than one top-level folder (${JSON.stringify(top)}, ${JSON.stringify(first)}); not a chart archive`);
      const rel = name.slice(first.length + 1).replace(/\/$/, '');
      if (h.type === 'directory' || rel === '') {
        entry.resume();
        continue;
      }
      if (h.type !== 'file' && h.type !== 'contiguous-file') {
        skipped.push({ path: `${label}:${name}`, reason: `archive-${h.type ?? 'entry'}` });
        entry.resume();
        continue;
      }
      if ((h.size ?? 0) > limits.maxFileSize) {
        skipped.push({ path: `${label}:${name}`, reason: 'too-large', size: h.size });
        entry.resume();
        continue;
      }
      const parts: Buffer[] = [];
      for await (const c of entry) parts.push(c as Buffer);
      files.push({ path: rel, data: Buffer.concat(parts) });
    }
  };
  const source = Buffer.isBuffer(input) ? Readable.from([input]) : input;
  try {
    await Promise.all([pipeline(source, createGunzip(), new Meter(budget, label), extract), consume()]);
  } catch (e) {
    extract.destroy();
    if (e instanceof ChartInputError || e instanceof BudgetError) throw e;
    throw new ChartInputError(`${label}: not a readable chart archive (${(e as Error).message})`);
  }
  if (top === undefined) throw new ChartInputError(`${label}: empty archive`);
  return { files, top };
}
