import type { Chunk, Finding, SkippedInput } from '../types.js';
import type { Source } from '../sources/source.js';
import { ExcludeList } from '../sources/dir/exclude.js';
import type { Interrupt } from './interrupt.js';

/** The path an exclude glob is matched against: the path inside the scanned target. */
function pathOf(c: Chunk): string | undefined {
  const o = c.origin;
  return o.kind === 'image-config' ? undefined : o.path;
}

/**
 * Applies `--exclude` to any source: chunks whose path matches are dropped and listed once as
 * skipped. Sources that can prune earlier (the folder walk, git's tree walk) get the same globs
 * and skip the reads too; this is what makes the flag hold for every source kind.
 */
export function excluding(source: Source, patterns: string[]): Source {
  const list = new ExcludeList(patterns);
  if (list.empty) return source;
  const skipped: SkippedInput[] = [];
  const named = new Set<string>();
  return wrap(source, {
    skipped: () => [...source.skipped, ...skipped],
    async *chunks() {
      for await (const c of source.chunks()) {
        const p = pathOf(c);
        if (p !== undefined && list.excluded(p, false)) {
          if (!named.has(p)) {
            named.add(p);
            skipped.push({ path: p, reason: 'excluded' });
          }
          continue;
        }
        yield c;
      }
    },
  });
}

/** Stops the source's chunk stream when the run is interrupted; what was read is still finished and reported. */
export function interruptible(source: Source, interrupt: Interrupt): Source {
  return wrap(source, { chunks: () => interrupt.until(source.chunks()) });
}

/** A Source that forwards to `source` except for what `over` replaces; getters keep its lists and state live. */
function wrap(source: Source, over: { chunks: () => AsyncIterable<Chunk>; skipped?: () => SkippedInput[] }): Source {
  return {
    get name() {
      return source.name;
    },
    get skipped() {
      return over.skipped ? over.skipped() : source.skipped;
    },
    get errors() {
      return source.errors;
    },
    get drivesProgress() {
      return source.drivesProgress;
    },
    get partial() {
      return source.partial;
    },
    finish: source.finish ? (f: Finding[]) => source.finish!(f) : undefined,
    chunks: over.chunks,
  };
}
