// Where a speed benchmark leaves its figure: bench/results/<id>.json, committed, so the
// README's performance table (bench/performance-table.mjs, `npm run docs`) is regenerated from
// what was measured, with when, on which Node, and how loaded the machine was.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

export const RESULTS_DIR = new URL('./results/', import.meta.url);

/**
 * `summary` is the one line the README shows: the figure as a ratio against its floor or peer
 * from the same run, then absolute numbers. `met` says whether the bench's target was reached.
 * `loadBefore` is the 1-minute load average when the bench started (the end's is taken here);
 * `node` the version of the Node measured when it is not the one running the bench.
 */
export function recordResult(id, { summary, target, met, loadBefore, node, ...details }) {
  if (!summary || !target || typeof met !== 'boolean') throw new Error(`recordResult(${id}): summary, target and met are required`);
  const record = {
    id,
    summary,
    target,
    met,
    measuredAt: new Date().toISOString(),
    node: node ?? process.version,
    cores: availableParallelism(),
    load: [loadBefore ?? loadavg()[0], loadavg()[0]].map((l) => +l.toFixed(1)),
    details,
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(new URL(`${id}.json`, RESULTS_DIR), `${JSON.stringify(record, null, 2)}\n`);
  return record;
}
