import type { GitHubClient } from './client.js';
import { renderIssue, BASE_LABEL, LABEL_COLORS, type IssueTarget } from './issue-body.js';
import { parseMarker, replaceMarker } from './marker.js';

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
  log?: (line: string) => void;
  /** Values that must never reach GitHub (the findings' secrets under --show-secrets). */
  /** Replaces any secret value the run knows (titles, bodies, error messages). */
  scrub?: (text: string) => string;
}

export type ActionKind = 'create' | 'update' | 'reopen' | 'gone' | 'unchanged';

export interface SinkAction {
  kind: ActionKind;
  repo: string;
  fingerprint: string;
  number?: number;
  title: string;
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

/**
 * Opens one issue per credential per repository, found again by the hidden fingerprint
 * marker: new issues are created, changed ones updated, closed ones reopened while the
 * credential is still live, open ones told once when it is no longer live anywhere.
 * One repository's API failure is reported and the others still go through.
 */
export async function syncIssues(targets: IssueTarget[], o: SinkOptions): Promise<SinkResult> {
  const log = o.log ?? ((l: string) => process.stderr.write(l + '\n'));
  const result: SinkResult = { actions: [], errors: [] };
  const byRepo = new Map<string, IssueTarget[]>();
  for (const t of targets) byRepo.set(t.repo, [...(byRepo.get(t.repo) ?? []), t]);
  if (o.fullScan) for (const r of o.scannedRepos ?? []) if (!byRepo.has(r)) byRepo.set(r, []);
  for (const [repo, list] of [...byRepo].sort(([a], [b]) => a.localeCompare(b))) {
    try {
      await syncRepo(repo, list, o, result, log);
    } catch (e) {
      result.errors.push({ where: `github ${repo}`, message: (o.scrub ?? String)(errorText(e)) });
    }
  }
  return result;
}

async function syncRepo(repo: string, targets: IssueTarget[], o: SinkOptions, result: SinkResult, log: (l: string) => void): Promise<void> {
  const [owner, name] = repo.split('/');
  const gh = o.client;
  const existing = gh ? await listMarked(gh, owner, name) : new Map<string, ExistingIssue>();
  const scrub = o.scrub ?? String;
  const contents = targets.map((t) => {
    const c = renderIssue(t);
    return { t, c: { ...c, title: scrub(c.title), body: scrub(c.body) } };
  });
  const act = (a: SinkAction, verb: string) => {
    result.actions.push(a);
    if (a.kind !== 'unchanged') log(`${o.dryRun ? 'would ' : ''}${verb} ${repo}${a.number ? `#${a.number}` : ''}: ${a.title}`);
  };
  if (contents.length && gh && !o.dryRun) await ensureLabels(gh, owner, name, [...new Set(contents.flatMap(({ c }) => c.labels))]);

  const seen = new Set<string>();
  for (const { t, c } of contents) {
    const fp = t.credential.fingerprint;
    seen.add(fp);
    const ex = existing.get(fp);
    const base = { repo, fingerprint: fp, title: c.title };
    if (!ex) {
      let number: number | undefined;
      if (gh && !o.dryRun) number = (await gh.rest.issues.create({ owner, repo: name, title: c.title, body: c.body, labels: c.labels })).data.number;
      act({ ...base, kind: 'create', number }, 'open');
      continue;
    }
    const marker = parseMarker(ex.body);
    const changed = marker?.state !== c.state || ex.title !== c.title;
    if (ex.state === 'closed') {
      if (!t.live) {
        act({ ...base, kind: 'unchanged', number: ex.number }, 'keep closed');
        continue;
      }
      if (gh && !o.dryRun) {
        await gh.rest.issues.update({ owner, repo: name, issue_number: ex.number, state: 'open', title: c.title, body: c.body, labels: c.labels });
        await gh.rest.issues.createComment({ owner, repo: name, issue_number: ex.number, body: 'credsweep reopened this issue: the credential is still live in this repository. Rotate it, then remove it.' });
      }
      act({ ...base, kind: 'reopen', number: ex.number }, 'reopen');
      continue;
    }
    if (!changed) {
      act({ ...base, kind: 'unchanged', number: ex.number }, 'keep');
      continue;
    }
    if (marker?.live !== false && !t.live && o.fullScan) {
      // It was live when last written and is not any more: say so once, in a comment.
      if (gh && !o.dryRun) {
        await gh.rest.issues.update({ owner, repo: name, issue_number: ex.number, title: c.title, body: c.body, labels: c.labels });
        await gh.rest.issues.createComment({ owner, repo: name, issue_number: ex.number, body: goneText(fp, 'is no longer live in this repository: only history or hidden layers still hold it') });
      }
      act({ ...base, kind: 'gone', number: ex.number }, 'update and comment (no longer live) on');
      continue;
    }
    if (gh && !o.dryRun) await gh.rest.issues.update({ owner, repo: name, issue_number: ex.number, title: c.title, body: c.body, labels: c.labels });
    act({ ...base, kind: 'update', number: ex.number }, 'update');
  }
  if (!o.fullScan) return;
  for (const [fp, ex] of existing) {
    if (seen.has(fp) || ex.state !== 'open' || parseMarker(ex.body)?.state === 'gone') continue;
    await markGone(gh, o, owner, name, ex, 'was not found anywhere in this scan of the repository');
    act({ repo, fingerprint: fp, number: ex.number, title: ex.title, kind: 'gone' }, 'comment (no longer found) on');
  }
}

/** Comments once, and records that in the marker so a rerun does not comment again. */
async function markGone(gh: GitHubClient | undefined, o: SinkOptions, owner: string, repo: string, ex: ExistingIssue, why: string): Promise<void> {
  if (!gh || o.dryRun) return;
  const fp = parseMarker(ex.body)!.fingerprint;
  await gh.rest.issues.createComment({ owner, repo, issue_number: ex.number, body: goneText(fp, why) });
  await gh.rest.issues.update({ owner, repo, issue_number: ex.number, body: replaceMarker(ex.body, { fingerprint: fp, state: 'gone', live: false }) });
}

async function listMarked(gh: GitHubClient, owner: string, repo: string): Promise<Map<string, ExistingIssue>> {
  const out = new Map<string, ExistingIssue>();
  const issues = await gh.paginate(gh.rest.issues.listForRepo, { owner, repo, state: 'all', labels: BASE_LABEL, per_page: 100 });
  for (const i of issues) {
    if (i.pull_request) continue;
    const m = parseMarker(i.body);
    if (!m) continue;
    const prev = out.get(m.fingerprint);
    // Should duplicates exist (made by hand), keep the oldest open one.
    if (prev && (prev.state === 'open' || i.state !== 'open')) continue;
    out.set(m.fingerprint, { number: i.number, state: i.state, title: i.title, body: i.body ?? '', labels: i.labels.map((l) => (typeof l === 'string' ? l : l.name ?? '')) });
  }
  return out;
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
