import type { CommitRef, GitOrigin } from '../../types.js';
import type { CommitInfo } from './backend.js';
import { refsReaching, type RefReach } from './ref-reach.js';

/** How many introductions an origin lists; `commitCount` has the full number. */
export const MAX_LISTED_INTRODUCTIONS = 20;

type CommitMeta = Omit<CommitInfo, 'introductions' | 'submodules'>;

/**
 * Remembers, while the history streams past, which commits and paths introduced each blob,
 * compactly (commit and path indexes), and answers provenance questions afterwards.
 * "First" is the earliest by commit date, then author date, commit id and path, so the
 * answer does not depend on the order a backend walks the history.
 */
export class Provenance {
  private readonly commits: CommitMeta[] = [];
  private readonly commitIndex = new Map<string, number>();
  private readonly paths: string[] = [];
  private readonly pathIndex = new Map<string, number>();
  /** blob -> flat [commit, path, commit, path, ...] */
  private readonly intros = new Map<string, number[]>();

  get commitCount(): number {
    return this.commits.length;
  }

  get blobCount(): number {
    return this.intros.size;
  }

  /** Records a commit; returns the blobs seen for the first time. */
  add(c: CommitInfo): string[] {
    const ci = this.commits.length;
    this.commits.push({ id: c.id, parents: c.parents, authorName: c.authorName, authorEmail: c.authorEmail, authorTime: c.authorTime, commitTime: c.commitTime });
    this.commitIndex.set(c.id, ci);
    const fresh: string[] = [];
    for (const { path, blob } of c.introductions) {
      let pi = this.pathIndex.get(path);
      if (pi === undefined) {
        pi = this.paths.length;
        this.paths.push(path);
        this.pathIndex.set(path, pi);
      }
      const list = this.intros.get(blob);
      if (list) list.push(ci, pi);
      else {
        this.intros.set(blob, [ci, pi]);
        fresh.push(blob);
      }
    }
    return fresh;
  }

  /** Every commit walked, in walk order. */
  commitIds(): string[] {
    return this.commits.map((c) => c.id);
  }

  hasCommit(id: string): boolean {
    return this.commitIndex.has(id);
  }

  /** Origin of a commit's message (or of a tag's, pointing at `commit`): that commit, the refs that reach it. */
  messageOrigin(repo: string, object: string, commit: string, path: string, message: 'commit' | 'tag', refTips: Map<string, string[]>): GitOrigin {
    const ci = this.commitIndex.get(commit);
    const c = ci === undefined ? undefined : this.commits[ci];
    const commits: CommitRef[] = c
      ? [{ commit: c.id, authorName: c.authorName, authorEmail: c.authorEmail, authorDate: iso(c.authorTime), commitDate: iso(c.commitTime), path }]
      : [];
    return { kind: 'git', repo, blob: object, path, commits, commitCount: commits.length, refs: ci === undefined ? [] : this.refsOf(new Set([ci]), refTips).refsOf([ci]), message };
  }

  /** A path that holds the blob, for naming it before the walk is over. */
  anyPath(blob: string): string {
    const l = this.intros.get(blob);
    return l ? this.paths[l[1]] : '';
  }

  private sortedIntros(blob: string): Array<[number, number]> {
    const l = this.intros.get(blob) ?? [];
    const pairs: Array<[number, number]> = [];
    const seen = new Set<string>();
    for (let i = 0; i < l.length; i += 2) {
      const k = `${l[i]}:${l[i + 1]}`;
      if (seen.has(k)) continue;
      seen.add(k);
      pairs.push([l[i], l[i + 1]]);
    }
    return pairs.sort((a, b) => {
      const ca = this.commits[a[0]];
      const cb = this.commits[b[0]];
      return ca.commitTime - cb.commitTime || ca.authorTime - cb.authorTime || cmp(ca.id, cb.id) || cmp(this.paths[a[1]], this.paths[b[1]]);
    });
  }

  firstPath(blob: string): string {
    const s = this.sortedIntros(blob);
    return s.length ? this.paths[s[0][1]] : '';
  }

  /**
   * Origins of many blobs at once: ref reachability is settled in one pass over the commit
   * graph for all of them (see ref-reach.ts), not walked again for each blob.
   */
  origins(repo: string, blobs: Iterable<string>, refTips: Map<string, string[]>, live: (blob: string) => boolean | undefined): Map<string, GitOrigin> {
    const sortedByBlob = new Map<string, Array<[number, number]>>();
    const wanted = new Set<number>();
    for (const blob of blobs) {
      if (sortedByBlob.has(blob)) continue;
      const sorted = this.sortedIntros(blob);
      sortedByBlob.set(blob, sorted);
      for (const [ci] of sorted) wanted.add(ci);
    }
    const reach = this.refsOf(wanted, refTips);
    const out = new Map<string, GitOrigin>();
    for (const [blob, sorted] of sortedByBlob) {
      const commits: CommitRef[] = sorted.slice(0, MAX_LISTED_INTRODUCTIONS).map(([ci, pi]) => {
        const c = this.commits[ci];
        return {
          commit: c.id,
          authorName: c.authorName,
          authorEmail: c.authorEmail,
          authorDate: iso(c.authorTime),
          commitDate: iso(c.commitTime),
          path: this.paths[pi],
        };
      });
      const origin: GitOrigin = {
        kind: 'git',
        repo,
        blob,
        path: commits[0]?.path ?? '',
        commits,
        commitCount: sorted.length,
        refs: reach.refsOf(sorted.map(([ci]) => ci)),
      };
      const l = live(blob);
      if (l !== undefined) origin.live = l;
      out.set(blob, origin);
    }
    return out;
  }

  /** Refs from whose tip each wanted commit can be reached. */
  private refsOf(wanted: Set<number>, refTips: Map<string, string[]>): RefReach {
    const parents = this.commits.map((c) => {
      const out: number[] = [];
      for (const p of c.parents) {
        const pi = this.commitIndex.get(p);
        if (pi !== undefined) out.push(pi);
      }
      return out;
    });
    const tips = new Map<number, string[]>();
    for (const [id, names] of refTips) {
      const ci = this.commitIndex.get(id);
      if (ci !== undefined) tips.set(ci, names);
    }
    return refsReaching({ parents }, tips, wanted);
  }
}

function iso(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString();
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
