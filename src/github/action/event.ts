/** What a GitHub event asks the Action to scan. */
export type ScanPlan =
  | { kind: 'range'; range: string; base: string; head: string; describe: string }
  | { kind: 'full'; describe: string }
  | { kind: 'nothing'; describe: string };

const ZERO = /^0{40}$|^0{64}$/;

interface PushPayload {
  ref?: string;
  before?: string;
  after?: string;
  created?: boolean;
  deleted?: boolean;
  forced?: boolean;
}

interface PullRequestPayload {
  pull_request?: { base?: { sha?: string; ref?: string }; head?: { sha?: string; ref?: string }; number?: number };
}

/**
 * Maps an event payload to the commits it adds. A push is `before..after`; a new branch
 * (all-zero `before`) and a force push whose old tip is gone are what the default branch
 * lacks (the git source resolves an all-zero or unknown base that way); a tag push adds
 * only commits no branch has; a deletion adds nothing. A pull request is `base.sha..head.sha`.
 * Other events (schedule, workflow_dispatch) scan the whole history.
 */
export function planFromEvent(eventName: string, payload: unknown): ScanPlan {
  if (eventName === 'push') {
    const p = payload as PushPayload;
    const ref = p.ref ?? '?';
    if (p.deleted || (p.after && ZERO.test(p.after))) return { kind: 'nothing', describe: `deletion of ${ref}: nothing added` };
    if (!p.after) throw new Error('push event without `after`: is GITHUB_EVENT_PATH a push payload?');
    const base = p.before ?? '0'.repeat(40);
    const what = ref.startsWith('refs/tags/') ? 'tag push' : ZERO.test(base) ? 'new branch' : p.forced ? 'force push' : 'push';
    return { kind: 'range', range: `${base}..${p.after}`, base, head: p.after, describe: `${what} ${ref} ${short(base)}..${short(p.after)}` };
  }
  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    const pr = (payload as PullRequestPayload).pull_request;
    const base = pr?.base?.sha;
    const head = pr?.head?.sha;
    if (!base || !head) throw new Error(`${eventName} event without pull_request.base.sha/head.sha`);
    return { kind: 'range', range: `${base}..${head}`, base, head, describe: `pull request #${pr?.number ?? '?'} ${short(base)}..${short(head)}` };
  }
  return { kind: 'full', describe: `${eventName || 'manual'} run: full history` };
}

function short(sha: string): string {
  return ZERO.test(sha) ? '(none)' : sha.slice(0, 10);
}
