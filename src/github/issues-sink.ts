import type { GitHubClient } from './client.js';
import { renderIssue, targetSeverity, BASE_LABEL, LABEL_COLORS, type IssueTarget } from './issue-body.js';
import { parseMarker, replaceMarker } from './marker.js';
import { parseTracking, renderTracking } from './tracking-issue.js';
import { SEVERITY_ORDER } from '../hygiene/types.js';

export interface SinkOptions {
  /** Absent with `--dry-run` and no token: plan as if no issue existed yet. */
  client?: GitHubClient;
  dryRun: boolean;
  /**
   * The scan covered every location (sweep, full history), so an open issue whose
   * credential was not found any more can be told so. False for push/PR range scans.
   */
  fullScan: boolean;
  /** Repositories the scan covered (for "no longer found" on repos where nothing was found). */
  scannedRepos?: string[];
  /**
   * Open issues about this run's credentials at most (those already open count); new ones go
   * worst first, the rest are listed in one tracking issue per repository. Default 20.
   */
  maxIssues?: number;
  /** Open issues about live credentials on public repositories too (default: refuse). */
  allowPublicIssues?: boolean;
  log?: (line: string) => void;
  /** Replaces any secret value the run knows (titles, bodies, error messages). */
  scrub?: (text: string) => string;
}

export const DEFAULT_MAX_ISSUES = 20;

export type ActionKind = 'create' | 'update' | 'reopen' | 'gone' | 'unchanged' | 'refused' | 'deferred' | 'tracking';

export interface SinkAction {
  kind: ActionKind;
  repo: string;
  /** The lead credential's; empty for the tracking issue. */
  fingerprint: string;
  number?: number;
  title: string;
  /** With --dry-run: what would be posted. */
  body?: string;
}

export interface SinkResult {
  actions: SinkAction[];
  errors: Array<{ where: string; message: string }>;
}

interface ExistingIssue {
  number: number;
  state: string;
  title: string;
  body: string;
  labels: string[];
}

interface RepoState {
  repo: string;
  targets: IssueTarget[];
  existing: Map<string, ExistingIssue>;
  tracking?: ExistingIssue;
  /** Undefined when it cannot be asked (dry run without a token). */
  public?: boolean;
}

/**
 * Opens one issue per credential (with its paired parts) per repository, found again by the
 * hidden fingerprint marker: new issues are created, changed ones updated, closed ones
 * reopened while the credential is still live, open ones told once when it is no longer live
 * anywhere. At most `maxIssues` of them open, worst first; the others wait in one tracking
 * issue per repository. A live credential on a public repository gets no new public issue
 * unless allowed. One repository's API failure is reported and the others still go through.
 */
export async function syncIssues(targets: IssueTarget[], o: SinkOptions): Promise<SinkResult> {
  const log = o.log ?? ((l: string) => process.stderr.write(l + '\n'));
  const result: SinkResult = { actions: [], errors: [] };
  const byRepo = new Map<string, IssueTarget[]>();
  for (const t of targets) byRepo.set(t.repo, [...(byRepo.get(t.repo) ?? []), t]);
  if (o.fullScan) for (const r of o.scannedRepos ?? []) if (!byRepo.has(r)) byRepo.set(r, []);
  const fail = (repo: string, e: unknown) => result.errors.push({ where: `github ${repo}`, message: (o.scrub ?? String)(errorText(e)) });

  // What exists first, everywhere, so the cap goes to the worst new credentials of the whole run.
  const states: RepoState[] = [];
  for (const [repo, list] of [...byRepo].sort(([a], [b]) => a.localeCompare(b))) {
    try {
      states.push(await repoState(repo, list, o));
    } catch (e) {
      fail(repo, e);
    }
  }
  const fresh = states.flatMap((st) => st.targets.filter((t) => !existingFor(st, t)).map((t) => ({ st, t })));
  const refused = (st: RepoState, t: IssueTarget) => st.public === true && t.live && !o.allowPublicIssues;
  const ranked = fresh.filter(({ st, t }) => !refused(st, t)).sort((a, b) => rank(b.t) - rank(a.t) || a.t.repo.localeCompare(b.t.repo) || a.t.credential.fingerprint.localeCompare(b.t.credential.fingerprint));
  // The cap is on open issues, not on issues opened this run: a rerun does not add 20 more.
  const open = states.reduce((n, st) => n + st.targets.filter((t) => existingFor(st, t)?.state === 'open').length, 0);
  const allowed = new Set(ranked.slice(0, Math.max(0, (o.maxIssues ?? DEFAULT_MAX_ISSUES) - open)).map(({ t }) => t));

  for (const st of states) {
    try {
      await syncRepo(st, allowed, refused, o, result, log);
    } catch (e) {
      fail(st.repo, e);
    }
  }
  return result;
}

/** The issue already open for this credential, or for one of its paired parts (an earlier run may have led with the other half). */
function existingFor(st: RepoState, t: IssueTarget): ExistingIssue | undefined {
  return st.existing.get(t.credential.fingerprint) ?? (t.parts ?? []).map((p) => st.existing.get(p.credential.fingerprint)).find((x) => !!x);
}

/** Worst first: severity, then live before history-only. */
function rank(t: IssueTarget): number {
  return SEVERITY_ORDER[targetSeverity(t)] * 2 + (t.live ? 1 : 0);
}

async function repoState(repo: string, targets: IssueTarget[], o: SinkOptions): Promise<RepoState> {
  const [owner, name] = repo.split('/');
  const gh = o.client;
  if (!gh) return { repo, targets, existing: new Map() };
  const { byFp, tracking } = await listMarked(gh, owner, name);
  const info = (await gh.rest.repos.get({ owner, repo: name })).data;
  return { repo, targets, existing: byFp, tracking, public: info.private === false && info.visibility !== 'internal' };
}

async function syncRepo(
  st: RepoState,
  allowed: Set<IssueTarget>,
  refused: (st: RepoState, t: IssueTarget) => boolean,
  o: SinkOptions,
  result: SinkResult,
  log: (l: string) => void,
): Promise<void> {
  const { repo, existing } = st;
  const [owner, name] = repo.split('/');
  const gh = o.client;
  const write = gh && !o.dryRun ? gh : undefined;
  const scrub = o.scrub ?? String;
  const contents = st.targets.map((t) => {
    const c = renderIssue(t);
    return { t, c: { ...c, title: scrub(c.title), body: scrub(c.body) } };
  });
  const act = (a: SinkAction, verb: string, body?: string) => {
    if (o.dryRun && body !== undefined) a.body = body;
    result.actions.push(a);
    if (a.kind === 'unchanged') return;
    log(`${o.dryRun ? 'would ' : ''}${verb} ${repo}${a.number ? `#${a.number}` : ''}: ${a.title}`);
    // A dry run shows what it would post, in full: the maintainer judges the words before they go out.
    if (o.dryRun && body !== undefined) log(indent(body));
  };
  const toCreate = contents.filter(({ t }) => !existingFor(st, t) && allowed.has(t));
  const deferred = contents.filter(({ t }) => !existingFor(st, t) && !allowed.has(t) && !refused(st, t));
  const labels = [...new Set([...toCreate, ...contents.filter(({ t }) => existingFor(st, t))].flatMap(({ c }) => c.labels))];
  if (write && (labels.length || deferred.length)) await ensureLabels(write, owner, name, [...new Set([...labels, BASE_LABEL])]);

  const seen = new Set<string>();
  for (const { t, c } of contents) {
    const fp = t.credential.fingerprint;
    seen.add(fp);
    for (const p of t.parts ?? []) seen.add(p.credential.fingerprint);
    const ex = existingFor(st, t);
    const base = { repo, fingerprint: fp, title: c.title };
    if (!ex) {
      if (refused(st, t)) {
        act(
          { ...base, kind: 'refused' },
          `refuse to open (public repository, live credential: rotate it first, or pass --allow-public-issues)`,
        );
        continue;
      }
      if (!allowed.has(t)) {
        result.actions.push({ ...base, kind: 'deferred' });
        continue;
      }
      let number: number | undefined;
      if (write) number = (await write.rest.issues.create({ owner, repo: name, title: c.title, body: c.body, labels: c.labels })).data.number;
      act({ ...base, kind: 'create', number }, 'open', c.body);
      continue;
    }
    const marker = parseMarker(ex.body);
    const changed = marker?.state !== c.state || ex.title !== c.title;
    if (ex.state === 'closed') {
      if (!t.live) {
        act({ ...base, kind: 'unchanged', number: ex.number }, 'keep closed');
        continue;
      }
      if (write) {
        await write.rest.issues.update({ owner, repo: name, issue_number: ex.number, state: 'open', title: c.title, body: c.body, labels: c.labels });
        await write.rest.issues.createComment({ owner, repo: name, issue_number: ex.number, body: 'credsweep reopened this issue: the credential is still live in this repository. Rotate it, then remove it.' });
      }
      act({ ...base, kind: 'reopen', number: ex.number }, 'reopen', c.body);
      continue;
    }
    if (!changed) {
      act({ ...base, kind: 'unchanged', number: ex.number }, 'keep');
      continue;
    }
    if (marker?.live !== false && !t.live && o.fullScan) {
      // It was live when last written and is not any more: say so once, in a comment.
      if (write) {
        await write.rest.issues.update({ owner, repo: name, issue_number: ex.number, title: c.title, body: c.body, labels: c.labels });
        await write.rest.issues.createComment({ owner, repo: name, issue_number: ex.number, body: goneText(fp, 'is no longer live in this repository: only history or hidden layers still hold it') });
      }
      act({ ...base, kind: 'gone', number: ex.number }, 'update and comment (no longer live) on', c.body);
      continue;
    }
    if (write) await write.rest.issues.update({ owner, repo: name, issue_number: ex.number, title: c.title, body: c.body, labels: c.labels });
    act({ ...base, kind: 'update', number: ex.number }, 'update', c.body);
  }
  await syncTracking(st, deferred.map(({ t }) => t), o, act, write);
  if (!o.fullScan) return;
  for (const [fp, ex] of existing) {
    if (seen.has(fp) || ex.state !== 'open' || parseMarker(ex.body)?.state === 'gone') continue;
    await markGone(gh, o, owner, name, ex, 'was not found anywhere in this scan of the repository');
    act({ repo, fingerprint: fp, number: ex.number, title: ex.title, kind: 'gone' }, 'comment (no longer found) on');
  }
}

/** The one issue per repository that lists what is over the cap; closed once nothing is. */
async function syncTracking(st: RepoState, deferred: IssueTarget[], o: SinkOptions, act: (a: SinkAction, verb: string, body?: string) => void, write: GitHubClient | undefined): Promise<void> {
  const [owner, name] = st.repo.split('/');
  const ex = st.tracking;
  const scrub = o.scrub ?? String;
  if (!deferred.length) {
    if (ex && ex.state === 'open') {
      if (write) {
        await write.rest.issues.createComment({ owner, repo: name, issue_number: ex.number, body: 'credsweep: every credential found in this repository now has an issue of its own (or none is left).' });
        await write.rest.issues.update({ owner, repo: name, issue_number: ex.number, state: 'closed' });
      }
      act({ repo: st.repo, fingerprint: '', number: ex.number, title: ex.title, kind: 'tracking' }, 'close tracking issue');
    }
    return;
  }
  const c = renderTracking(deferred, o.maxIssues ?? DEFAULT_MAX_ISSUES);
  const title = scrub(c.title);
  const body = scrub(c.body);
  const base = { repo: st.repo, fingerprint: '', title, kind: 'tracking' as const };
  if (!ex) {
    const number = write ? (await write.rest.issues.create({ owner, repo: name, title, body, labels: [BASE_LABEL] })).data.number : undefined;
    act({ ...base, number }, 'open tracking issue', body);
    return;
  }
  if (ex.state === 'open' && parseTracking(ex.body)?.state === c.state && ex.title === title) {
    act({ ...base, number: ex.number, kind: 'unchanged' }, 'keep');
    return;
  }
  if (write) await write.rest.issues.update({ owner, repo: name, issue_number: ex.number, title, body, state: 'open' });
  act({ ...base, number: ex.number }, 'update tracking issue', body);
}

const indent = (body: string) => body.split('\n').map((l) => `    | ${l}`).join('\n');

/** Comments once, and records that in the marker so a rerun does not comment again. */
async function markGone(gh: GitHubClient | undefined, o: SinkOptions, owner: string, repo: string, ex: ExistingIssue, why: string): Promise<void> {
  if (!gh || o.dryRun) return;
  const fp = parseMarker(ex.body)!.fingerprint;
  await gh.rest.issues.createComment({ owner, repo, issue_number: ex.number, body: goneText(fp, why) });
  await gh.rest.issues.update({ owner, repo, issue_number: ex.number, body: replaceMarker(ex.body, { fingerprint: fp, state: 'gone', live: false }) });
}

async function listMarked(gh: GitHubClient, owner: string, repo: string): Promise<{ byFp: Map<string, ExistingIssue>; tracking?: ExistingIssue }> {
  const out = new Map<string, ExistingIssue>();
  let tracking: ExistingIssue | undefined;
  const issues = await gh.paginate(gh.rest.issues.listForRepo, { owner, repo, state: 'all', labels: BASE_LABEL, per_page: 100 });
  for (const i of issues) {
    if (i.pull_request) continue;
    const ex = { number: i.number, state: i.state, title: i.title, body: i.body ?? '', labels: i.labels.map((l) => (typeof l === 'string' ? l : l.name ?? '')) };
    if (parseTracking(i.body)) {
      if (!tracking || (tracking.state !== 'open' && i.state === 'open')) tracking = ex;
      continue;
    }
    const m = parseMarker(i.body);
    if (!m) continue;
    const prev = out.get(m.fingerprint);
    // Should duplicates exist (made by hand), keep the oldest open one.
    if (prev && (prev.state === 'open' || i.state !== 'open')) continue;
    out.set(m.fingerprint, ex);
  }
  return { byFp: out, tracking };
}

async function ensureLabels(gh: GitHubClient, owner: string, repo: string, wanted: string[]): Promise<void> {
  const have = new Set((await gh.paginate(gh.rest.issues.listLabelsForRepo, { owner, repo, per_page: 100 })).map((l) => l.name));
  for (const name of wanted) {
    if (have.has(name)) continue;
    const key = name === BASE_LABEL ? BASE_LABEL : name.startsWith('severity:') ? name.slice(9) : 'flag';
    try {
      await gh.rest.issues.createLabel({ owner, repo, name, color: LABEL_COLORS[key] ?? 'ededed', description: 'credsweep: leaked credential' });
    } catch (e) {
      // Created meanwhile by another run: fine.
      if ((e as { status?: number }).status !== 422) throw e;
    }
  }
}

function goneText(fp: string, why: string): string {
  return `credsweep: the credential \`${fp.slice(0, 16)}…\` ${why}. If it was rotated, close this issue; if it is still in history, purge it.`;
}

function errorText(e: unknown): string {
  const err = e as { status?: number; message?: string };
  return err.status ? `GitHub API ${err.status}: ${err.message}` : String(err.message ?? e);
}
