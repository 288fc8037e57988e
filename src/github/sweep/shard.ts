import { createHash } from 'node:crypto';

export interface Shard {
  /** 1-based, as a workflow matrix writes it. */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new Error(`--shard must be I/N with 1 <= I <= N (e.g. 1/4), got '${text}'`);
  return { index, count };
}

/** Stable across runs and machines: a hash of the full name, not the listing order. */
export function inShard(fullName: string, s: Shard): boolean {
  const h = createHash('sha256').update(fullName.toLowerCase()).digest().readUInt32BE(0);
  return h % s.count === s.index - 1;
}
