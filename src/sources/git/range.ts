import type { GitBackend, RefTip } from './backend.js';

/** What part of the history to scan. Everything unset = every ref's whole history. */
export interface HistorySelection {
  /** Limit to this ref/revision instead of every ref. */
  branch?: string;
  /** Include `refs/stash` (and its reflog entries, when readable). */
  includeStash?: boolean;
  /** Only commits after this one (`SHA..tips`). */
  sinceCommit?: string;
  /**
   * `BASE..HEAD` as a push or pull request gives it. An all-zero BASE is a new branch: the
   * commits not on the default branch. A BASE unknown here (force push) is treated the same.
   */
  range?: string;
  /**
   * The branch a new branch's commits are compared with (range mode, all-zero BASE).
   * Default: `refs/remotes/origin/HEAD` when it exists (CI checkouts), else HEAD.
   */
  defaultBranch?: string;
  /** Only commits whose commit date is at or after this (ISO date or anything Date parses). */
  since?: string;
}

export interface ResolvedSelection {
  tips: string[];
  exclude: string[];
  /** Commit -> ref names that point at it (for `refs` in provenance). */
  refTips: Map<string, string[]>;
  /** Unix seconds; commits before are walked past but not scanned. */
  sinceTime?: number;
  /** A human description, for messages. */
  describe: string;
  /** The default branch (HEAD's target) tip, for `live`. */
  headCommit?: string;
}

const ZERO = /^0+$/;

export async function resolveSelection(backend: GitBackend, sel: HistorySelection, stashLog: () => string[]): Promise<ResolvedSelection> {
  const headRef = await backend.headRef();
  const headCommit = await backend.resolve('HEAD');
  const allRefs = await backend.refs();
  const refTips = new Map<string, string[]>();
  const addTip = (commit: string, name: string) => {
    const l = refTips.get(commit);
    if (l) {
      if (!l.includes(name)) l.push(name);
    } else refTips.set(commit, [name]);
  };
  let tips: string[] = [];
  let exclude: string[] = [];
  let describe = 'all refs';

  if (sel.range) {
    const m = /^(.*?)\.\.\.?(.+)$/.exec(sel.range);
    if (!m) throw new Error(`--range must look like BASE..HEAD, got '${sel.range}'`);
    const [, base, headRev] = m;
    const head = await backend.resolve(headRev);
    if (!head) throw new Error(`--range: cannot resolve '${headRev}' to a commit`);
    tips = [head];
    addTip(head, headRev);
    const baseCommit = base && !ZERO.test(base) ? await backend.resolve(base) : undefined;
    if (baseCommit) {
      exclude = [baseCommit];
      describe = `range ${base}..${headRev}`;
    } else {
      // New branch (or a force push whose old tip is gone): what the default branch lacks.
      let defName = sel.defaultBranch;
      let def = defName ? await backend.resolve(defName) : undefined;
      if (defName && !def) throw new Error(`--default-branch: cannot resolve '${defName}' to a commit`);
      if (!def) {
        defName = 'refs/remotes/origin/HEAD';
        def = await backend.resolve(defName);
      }
      if (!def) {
        defName = headRef ?? 'HEAD';
        def = headCommit;
      }
      if (def && def !== head) exclude = [def];
      describe = `range ${base || '(new branch)'}..${headRev}, commits not on ${defName}`;
    }
  } else {
    let refs: RefTip[];
    if (sel.branch) {
      const c = await backend.resolve(sel.branch);
      if (!c) throw new Error(`--branch: cannot resolve '${sel.branch}' to a commit`);
      refs = [{ name: sel.branch, commit: c }];
      describe = sel.branch;
    } else {
      refs = allRefs.filter((r) => sel.includeStash || r.name !== 'refs/stash');
      if (sel.includeStash) {
        for (const [i, id] of stashLog().entries()) if (i > 0) refs.push({ name: `stash@{${i}}`, commit: id });
      }
      if (refs.length === 0 && headCommit) refs = [{ name: 'HEAD', commit: headCommit }];
    }
    for (const r of refs) addTip(r.commit, r.name);
    tips = [...new Set(refs.map((r) => r.commit))];
    if (sel.sinceCommit) {
      const c = await backend.resolve(sel.sinceCommit);
      if (!c) throw new Error(`--since-commit: cannot resolve '${sel.sinceCommit}' to a commit`);
      exclude = [c];
      describe += ` since ${sel.sinceCommit}`;
    }
  }
  let sinceTime: number | undefined;
  if (sel.since) {
    const t = Date.parse(sel.since);
    if (Number.isNaN(t)) throw new Error(`--since: cannot parse date '${sel.since}'`);
    sinceTime = Math.floor(t / 1000);
    describe += ` since ${sel.since}`;
  }
  return { tips, exclude, refTips, sinceTime, describe, headCommit };
}
