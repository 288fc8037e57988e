import t from 'tap';
import fc from 'fast-check';
import { refsReaching } from '../../../dist/sources/git/ref-reach.js';

/** The definition: refs whose tip commit has `c` among its ancestors (itself included), by a walk per commit. */
function naive(parents, tips, c) {
  const refs = new Set();
  for (const [tip, names] of tips) {
    const seen = new Set();
    const stack = [tip];
    while (stack.length) {
      const x = stack.pop();
      if (seen.has(x)) continue;
      seen.add(x);
      if (x === c) {
        for (const n of names) refs.add(n);
        break;
      }
      stack.push(...parents[x]);
    }
  }
  return [...refs].sort();
}

// A random DAG: commit i's parents are earlier commits (0-2 of them, merges included), in any
// index order the backend may produce; refs (up to 70, so bitsets span several words) sit on random commits.
const dag = fc
  .integer({ min: 1, max: 60 })
  .chain((n) =>
    fc.record({
      parents: fc.tuple(...Array.from({ length: n }, (_, i) => fc.uniqueArray(fc.integer({ min: 0, max: Math.max(0, i - 1) }), { maxLength: i === 0 ? 0 : 2 }))),
      refs: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: 69 })), { maxLength: 70 }),
      order: fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i), { minLength: n, maxLength: n }),
    }),
  );

t.test('every commit gets exactly the refs that reach it', async (t) => {
  fc.assert(
    fc.property(dag, ({ parents, refs, order }) => {
      // Renumber commits by `order` so parents are not always lower indexes than children.
      const idx = new Map(order.map((old, i) => [old, i]));
      const ps = [];
      for (const [old, list] of parents.entries()) ps[idx.get(old)] = list.map((p) => idx.get(p));
      const tips = new Map();
      for (const [c, r] of refs) {
        const l = tips.get(idx.get(c)) ?? [];
        if (!l.includes(`refs/x/${r}`)) l.push(`refs/x/${r}`);
        tips.set(idx.get(c), l);
      }
      const all = ps.map((_, i) => i);
      const got = refsReaching({ parents: ps }, tips, all);
      for (const c of all) if (JSON.stringify(got.refsOf([c])) !== JSON.stringify(naive(ps, tips, c))) return false;
      // A group of commits: the refs reaching any of them.
      const group = all.filter((c) => c % 3 === 0);
      const expected = [...new Set(group.flatMap((c) => naive(ps, tips, c)))].sort();
      return JSON.stringify(got.refsOf(group)) === JSON.stringify(expected);
    }),
    { numRuns: 300 },
  );
});

t.test('a long linear history with many refs shares sets instead of copying them', async (t) => {
  const n = 200_000;
  const parents = Array.from({ length: n }, (_, i) => (i === 0 ? [] : [i - 1]));
  const tips = new Map();
  for (let i = 0; i < n; i += 100) tips.set(i, [`refs/tags/t${i}`]);
  const got = refsReaching({ parents }, tips, [0, n - 1]);
  t.equal(got.refsOf([0]).length, n / 100, 'the root is reached by every tag');
  t.same(got.refsOf([n - 1]), [], 'the newest commit by none (no tag sits on it)');
});
