// Summarises `node --cpu-prof` output: per thread, where the time went (idle, GC, our files,
// dependencies), so a benchmark can say what the main thread and the workers were doing.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Self time (seconds) per category and per function of one .cpuprofile. */
export function summarise(file) {
  const p = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
  const total = (p.endTime - p.startTime) / 1e6;
  const cats = new Map();
  const fns = new Map();
  for (const [id, us] of self) {
    const f = byId.get(id).callFrame;
    const cat = f.functionName.startsWith('(') && !f.url ? f.functionName : place(f.url);
    cats.set(cat, (cats.get(cat) ?? 0) + us / 1e6);
    if (!cat.startsWith('(')) {
      const k = `${f.functionName || '(anonymous)'} ${basename(f.url)}:${f.lineNumber + 1}`;
      fns.set(k, (fns.get(k) ?? 0) + us / 1e6);
    }
  }
  const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, s]) => ({ what: k, seconds: +s.toFixed(2) }));
  const idle = (cats.get('(idle)') ?? 0) + (cats.get(WAITING) ?? 0);
  return { seconds: +total.toFixed(2), busyShare: +(1 - idle / total).toFixed(2), categories: top(cats, 8), functions: top(fns, 8) };
}

// piscina parks an idle worker in Atomics.wait, which the profiler counts as JS time.
const WAITING = '(waiting for a task)';

function place(url) {
  if (!url) return '(native)';
  const dep = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dep) return dep[1] === 'piscina' && url.endsWith('/worker.js') ? WAITING : dep[1];
  const m = /\/dist\/(.+)$/.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:')) return 'node internals';
  return basename(url);
}

/** Every profile in a folder: the main thread (thread id 0) first, then the workers. */
export function summariseDir(dir) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const tid = (f) => Number(f.split('.').at(-3));
  return files.sort((a, b) => tid(a) - tid(b)).map((f) => ({ thread: tid(f) === 0 ? 'main' : `worker ${tid(f)}`, ...summarise(join(dir, f)) }));
}
