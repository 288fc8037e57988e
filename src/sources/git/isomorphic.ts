import * as fs from 'node:fs';
import { join } from 'node:path';
import git from 'isomorphic-git';
import type { BackendName, BlobRead, CommitInfo, GitBackend, Introduction, RefTip } from './backend.js';
import { parseTree, type TreeEntry as Entry } from './tree-object.js';

const TREE_CACHE_MAX = 20_000;

/**
 * Reads objects with isomorphic-git: works where no git binary exists. Introductions come
 * from a tree diff against every parent that skips subtrees equal to any parent's, the same
 * rule `git log -c` applies, so both backends agree.
 */
export class IsomorphicBackend implements GitBackend {
  readonly name: BackendName = 'isomorphic';
  readonly errors: Array<{ where: string; message: string }> = [];
  // isomorphic-git keeps parsed packfile indexes here between calls.
  private readonly cache: object = {};
  private readonly trees = new Map<string, Entry[]>();
  private shallow?: Set<string>;

  constructor(readonly gitdir: string) {}

  private get base() {
    return { fs, gitdir: this.gitdir, cache: this.cache };
  }

  async refs(): Promise<RefTip[]> {
    const names = await git.listRefs({ fs, gitdir: this.gitdir, filepath: 'refs' });
    const out: RefTip[] = [];
    for (const short of names) {
      const name = `refs/${short}`;
      if ((name.startsWith('refs/remotes/') && name.endsWith('/HEAD')) || name.endsWith('^{}')) continue;
      const commit = await this.peel(name);
      if (!commit) continue;
      const tag = await this.annotatedTag(name);
      out.push(tag ? { name, commit, tag } : { name, commit });
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  private async peel(ref: string): Promise<string | undefined> {
    let oid: string;
    try {
      oid = await git.resolveRef({ fs, gitdir: this.gitdir, ref });
    } catch {
      return undefined;
    }
    for (let i = 0; i < 10; i++) {
      try {
        const o = await git.readObject({ ...this.base, oid, format: 'parsed' });
        if (o.type === 'commit') return oid;
        if (o.type !== 'tag') return undefined;
        oid = (o.object as { object: string }).object;
      } catch {
        return undefined;
      }
    }
    return undefined;
  }

  /** The tag object a ref names directly, when it names an annotated tag. */
  private async annotatedTag(ref: string): Promise<string | undefined> {
    try {
      const oid = await git.resolveRef({ fs, gitdir: this.gitdir, ref });
      const o = await git.readObject({ ...this.base, oid, format: 'content' });
      return o.type === 'tag' ? oid : undefined;
    } catch {
      return undefined;
    }
  }

  async resolve(rev: string): Promise<string | undefined> {
    if (/^[0-9a-f]{40}$/i.test(rev)) return this.peel(rev.toLowerCase()).catch(() => undefined);
    try {
      const full = await git.expandRef({ fs, gitdir: this.gitdir, ref: rev });
      return await this.peel(full);
    } catch {
      if (/^[0-9a-f]{4,39}$/i.test(rev)) {
        try {
          return await this.peel(await git.expandOid({ ...this.base, oid: rev.toLowerCase() }));
        } catch {
          return undefined;
        }
      }
      return undefined;
    }
  }

  async headRef(): Promise<string | undefined> {
    try {
      const r = await git.resolveRef({ fs, gitdir: this.gitdir, ref: 'HEAD', depth: 2 });
      return r.startsWith('refs/') ? r : undefined;
    } catch {
      return undefined;
    }
  }

  private shallowSet(): Set<string> {
    if (!this.shallow) {
      let text = '';
      try {
        text = fs.readFileSync(join(this.gitdir, 'shallow'), 'utf8');
      } catch {
        // not shallow
      }
      this.shallow = new Set(text.split('\n').filter(Boolean));
    }
    return this.shallow;
  }

  private async readCommit(oid: string): Promise<CommitInfo & { tree: string }> {
    const { commit } = await git.readCommit({ ...this.base, oid });
    const parents = this.shallowSet().has(oid) ? [] : commit.parent;
    return {
      id: oid,
      parents,
      tree: commit.tree,
      authorName: commit.author.name,
      authorEmail: commit.author.email,
      authorTime: commit.author.timestamp,
      commitTime: commit.committer.timestamp,
      introductions: [],
      submodules: [],
    };
  }

  /** Commit-date order with a max-heap, like git's default log order. */
  async *commits(tips: string[], exclude: string[]): AsyncGenerator<CommitInfo> {
    const excluded = await this.ancestors(exclude);
    const seen = new Set<string>(excluded);
    const heap = new Heap<CommitInfo & { tree: string }>();
    for (const t of tips) {
      if (seen.has(t)) continue;
      seen.add(t);
      const c = await this.tryCommit(t);
      if (c) heap.push(c, c.commitTime);
    }
    while (heap.size > 0) {
      const c = heap.pop()!;
      for (const p of c.parents) {
        if (seen.has(p)) continue;
        seen.add(p);
        const pc = await this.tryCommit(p);
        if (pc) heap.push(pc, pc.commitTime);
      }
      const parentTrees: string[] = [];
      for (const p of c.parents) {
        try {
          parentTrees.push((await git.readCommit({ ...this.base, oid: p })).commit.tree);
        } catch {
          // reported by tryCommit
        }
      }
      await this.diff(c.tree, parentTrees, '', c);
      const { tree: _tree, ...info } = c;
      yield info;
    }
  }

  private async tryCommit(oid: string): Promise<(CommitInfo & { tree: string }) | undefined> {
    try {
      return await this.readCommit(oid);
    } catch (e) {
      this.errors.push({ where: `commit ${oid}`, message: `cannot read commit: ${why(e)}` });
      return undefined;
    }
  }

  private async ancestors(tips: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    const stack = [...tips];
    while (stack.length) {
      const oid = stack.pop()!;
      if (out.has(oid)) continue;
      out.add(oid);
      try {
        const c = await this.readCommit(oid);
        stack.push(...c.parents);
      } catch {
        // the boundary of what exists
      }
    }
    return out;
  }

  private async tree(oid: string): Promise<Entry[]> {
    let t = this.trees.get(oid);
    if (!t) {
      const o = await git.readObject({ ...this.base, oid, format: 'content' });
      if (o.type !== 'tree') throw new Error(`${oid} is a ${o.type}, not a tree`);
      t = parseTree(o.object as Uint8Array);
      if (this.trees.size >= TREE_CACHE_MAX) this.trees.delete(this.trees.keys().next().value!);
      this.trees.set(oid, t);
    }
    return t;
  }

  private async diff(tree: string, parents: string[], prefix: string, out: Pick<CommitInfo, 'introductions' | 'submodules'>): Promise<void> {
    if (parents.includes(tree)) return;
    let entries: Entry[];
    try {
      entries = await this.tree(tree);
    } catch (e) {
      this.errors.push({ where: `tree ${tree}`, message: `cannot read tree: ${why(e)}` });
      return;
    }
    const parentMaps: Array<Map<string, Entry>> = [];
    for (const p of parents) {
      try {
        parentMaps.push(new Map((await this.tree(p)).map((e) => [e.path, e])));
      } catch {
        parentMaps.push(new Map());
      }
    }
    for (const e of entries) {
      const path = prefix + e.path;
      const same = parentMaps.map((m) => m.get(e.path));
      if (e.type === 'tree') {
        const sub = same.filter((s): s is Entry => s?.type === 'tree').map((s) => s.oid);
        if (!sub.includes(e.oid)) await this.diff(e.oid, sub, path + '/', out);
        continue;
      }
      const list = e.mode === '100644' || e.mode === '100755' ? out.introductions : e.mode === '160000' ? out.submodules : undefined;
      if (!list) continue;
      if (same.some((s) => s?.oid === e.oid)) continue;
      list.push({ path, blob: e.oid });
    }
  }

  async *readBlobs(ids: AsyncIterable<string>, maxSize: number): AsyncGenerator<BlobRead> {
    for await (const id of ids) {
      try {
        const { blob } = await git.readBlob({ ...this.base, oid: id });
        if (blob.length > maxSize) yield { id, size: blob.length, tooLarge: true };
        else yield { id, data: Buffer.from(blob.buffer, blob.byteOffset, blob.length) };
      } catch (e) {
        yield { id, error: `cannot read blob: ${why(e)}` };
      }
    }
  }

  async *readMessages(ids: AsyncIterable<string>, maxSize: number): AsyncGenerator<BlobRead> {
    for await (const id of ids) {
      try {
        const o = await git.readObject({ ...this.base, oid: id, format: 'content' });
        const data = o.object as Uint8Array;
        if (o.type !== 'commit' && o.type !== 'tag') yield { id, error: `not a commit or tag` };
        else if (data.length > maxSize) yield { id, size: data.length, tooLarge: true };
        else yield { id, data: Buffer.from(data.buffer, data.byteOffset, data.length) };
      } catch (e) {
        yield { id, error: `cannot read object: ${why(e)}` };
      }
    }
  }

  async treeBlobs(commit: string): Promise<Set<string>> {
    const out = new Set<string>();
    const walk = async (oid: string) => {
      for (const e of await this.tree(oid)) {
        if (e.type === 'tree') await walk(e.oid);
        else if (e.mode === '100644' || e.mode === '100755') out.add(e.oid);
      }
    };
    try {
      await walk((await git.readCommit({ ...this.base, oid: commit })).commit.tree);
    } catch (e) {
      this.errors.push({ where: `tree of ${commit}`, message: `cannot list: ${why(e)}` });
    }
    return out;
  }
}

/** Max-heap by key; ties keep insertion order (git's commit queue does the same). */
class Heap<T> {
  private items: Array<{ v: T; k: number; seq: number }> = [];
  private seq = 0;
  get size(): number {
    return this.items.length;
  }
  private before(a: { k: number; seq: number }, b: { k: number; seq: number }): boolean {
    return a.k > b.k || (a.k === b.k && a.seq < b.seq);
  }
  push(v: T, k: number): void {
    const a = this.items;
    a.push({ v, k, seq: this.seq++ });
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }
  pop(): T | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0].v;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.before(a[l], a[m])) m = l;
        if (r < a.length && this.before(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

/**
 * isomorphic-git wraps low-level faults (a failed SHA check, a truncated zlib stream) in an
 * "internal error" paragraph asking to file a bug; the fault itself is the last sentence.
 */
function why(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const m = /this error message: ([^\n]*)\s*$/.exec(msg);
  return (m ? m[1] : msg.split('\n')[0]).trim();
}
