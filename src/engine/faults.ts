import type { Chunk } from '../types.js';

/** A batch ran longer than its time budget; its worker was stopped. */
export class TimeBudgetExceeded extends Error {
  constructor(readonly ms: number) {
    super(`ran past its time budget of ${(ms / 1000).toFixed(1)} s and was stopped`);
    this.name = 'TimeBudgetExceeded';
  }
}

/** Names an input the way a report should: which file, in which repository, layer or chart. */
export function describeInput(c: Chunk): string {
  const o = c.origin;
  switch (o.kind) {
    case 'file':
      return o.path;
    case 'git':
      return `${withoutUserinfo(o.repo)}: ${o.path} (blob ${o.blob.slice(0, 12)})`;
    case 'image':
      return `${o.image}: layer ${o.layer.index}: ${o.path}`;
    case 'image-config':
      return `${o.image}: config ${o.field}`;
    case 'helm':
      return `${o.chart}: ${o.path}`;
  }
}

/** A repository given as a URL may carry a token before its host: never repeat it. */
function withoutUserinfo(repo: string): string {
  return repo.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}

/**
 * Why a worker failed, in words that cannot carry scanned bytes: a worker's error message
 * may quote its input (a JSON parse error quotes the text), so only the kind is kept.
 */
export function describeFault(e: unknown): string {
  if (e instanceof TimeBudgetExceeded) return e.message;
  const err = e as { name?: string; code?: string } | undefined;
  if (err?.code === 'ERR_WORKER_OUT_OF_MEMORY') return 'the worker ran out of memory';
  if (err?.code === 'ERR_WORKER_INIT_FAILED') return 'the worker could not start';
  if (err?.name === 'AbortError') return 'the worker was stopped';
  if (typeof err?.name === 'string' && /^[A-Za-z]{1,40}$/.test(err.name)) return `the worker failed (${err.name})`;
  return 'the worker failed';
}
