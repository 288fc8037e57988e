/**
 * Which refs reach which commits, computed once for the whole commit graph instead of a
 * walk per blob: each commit's set of refs is the refs at it plus the sets of its children,
 * so one pass in topological order (children first) settles every commit. Sets are bitsets
 * over the ref names; a commit with one child shares that child's set object, and a union
 * makes a new set only when neither side contains the other, so a linear history costs one
 * set per ref, not one per commit. Only the sets of the commits asked about are kept.
 */
export interface CommitGraph {
  /** Parent indexes of each commit (parents outside the graph left out). */
  parents: ArrayLike<number>[];
}

/** The answer for the commits asked about: ref names reaching any of a group of them. */
export interface RefReach {
  /** Sorted names of the refs that reach at least one of `commits` (each among `wanted`). */
  refsOf(commits: Iterable<number>): string[];
}

/**
 * Settles which refs reach each of `wanted`. `tips` maps a commit index to the ref names
 * that point at it.
 */
export function refsReaching(graph: CommitGraph, tips: Map<number, string[]>, wanted: Iterable<number>): RefReach {
  const n = graph.parents.length;
  const names = [...new Set([...tips.values()].flat())].sort();
  const bit = new Map(names.map((name, i) => [name, i]));
  const words = Math.max(1, Math.ceil(names.length / 32));
  const want = new Set(wanted);
  const empty = new Uint32Array(words);

  const childCount = new Uint32Array(n);
  for (const ps of graph.parents) for (let k = 0; k < ps.length; k++) childCount[ps[k]]++;

  // acc[c]: union of the sets of c's children seen so far (then c's own set).
  const acc: Array<Uint32Array | undefined> = new Array(n);
  const kept = new Map<number, Uint32Array>();
  const ready: number[] = [];
  for (let c = 0; c < n; c++) if (childCount[c] === 0) ready.push(c);
  while (ready.length) {
    const c = ready.pop()!;
    let set = acc[c];
    acc[c] = undefined;
    const here = tips.get(c);
    if (here?.length) {
      set = set ? set.slice() : new Uint32Array(words);
      for (const name of here) {
        const b = bit.get(name)!;
        set[b >>> 5] |= 1 << (b & 31);
      }
    }
    if (want.has(c)) kept.set(c, set ?? empty);
    const ps = graph.parents[c];
    for (let k = 0; k < ps.length; k++) {
      const p = ps[k];
      if (set) acc[p] = union(acc[p], set);
      if (--childCount[p] === 0) ready.push(p);
    }
  }

  // Most groups share a set object (one commit, or commits on one line of history): name it once.
  const named = new Map<Uint32Array, string[]>();
  return {
    refsOf(commits) {
      let set: Uint32Array | undefined;
      for (const c of commits) set = union(set, kept.get(c) ?? empty);
      if (!set) return [];
      let out = named.get(set);
      if (!out) named.set(set, (out = namesOf(set, names)));
      return out.slice();
    },
  };
}

/** `a ∪ b`, reusing either operand when it already holds the other. */
function union(a: Uint32Array | undefined, b: Uint32Array): Uint32Array {
  if (!a || a === b) return b;
  let aHasB = true;
  let bHasA = true;
  for (let i = 0; i < a.length && (aHasB || bHasA); i++) {
    const either = (a[i] | b[i]) >>> 0;
    if (either !== a[i]) aHasB = false;
    if (either !== b[i]) bHasA = false;
  }
  if (aHasB) return a;
  if (bHasA) return b;
  const u = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) u[i] = a[i] | b[i];
  return u;
}

function namesOf(set: Uint32Array, names: string[]): string[] {
  const out: string[] = [];
  for (let w = 0; w < set.length; w++) {
    let bits = set[w];
    while (bits) {
      const low = bits & -bits;
      out.push(names[w * 32 + 31 - Math.clz32(low)]);
      bits ^= low;
    }
  }
  return out;
}
