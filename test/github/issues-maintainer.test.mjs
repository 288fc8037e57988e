// What a maintainer receives: paired parts in one issue, a cap per run with one tracking
// issue, no issue on a public repository pointing at a live secret, no local paths, and a
// dry run that shows the bodies. The real Octokit against the loopback API.
import t from 'tap';
import { startApiServer } from './api-server.mjs';
import { makeClient } from '../../dist/github/client.js';
import { syncIssues } from '../../dist/github/issues-sink.js';
import { issueTargets } from '../../dist/github/targets.js';
import { issueSummary } from '../../dist/github/run-issues.js';

const LOCAL = '/home/runner/tmp/credsweep-clone-1234';
const commit = (i) => ({ commit: String(i).padStart(40, 'c'), authorName: 'Dev', authorEmail: 'dev@example.com', authorDate: `2024-01-${String(i + 1).padStart(2, '0')}T00:00:00Z`, commitDate: '2024-01-02T00:00:00Z', path: 'config/app.env' });
function finding(fp, ruleId, i, extra = {}) {
  return {
    kind: 'rule', ruleId, ruleName: ruleId === 'aws-access-key-id' ? 'AWS access key ID' : ruleId === 'aws-secret-access-key' ? 'AWS secret access key' : 'GitHub classic PAT', provider: ruleId.split('-')[0], confidence: 'high', validated: false,
    origin: { kind: 'git', repo: LOCAL, blob: String(i).padStart(40, 'b'), path: 'config/app.env', live: i === 0, commits: [commit(i)] },
    line: 2, column: 5, endLine: 2, endColumn: 45, fingerprint: fp, preview: `${ruleId.slice(0, 4)}…xx (40 chars)`, secretLength: 40, ...extra,
  };
}
function cred(fp, ruleId, versions, extra = {}) {
  const findings = Array.from({ length: versions }, (_, i) => finding(fp, ruleId, i, extra.finding));
  const { finding: _f, ...rest } = extra;
  return {
    fingerprint: fp, ruleId, ruleName: findings[0].ruleName, provider: findings[0].provider, kind: 'rule', preview: findings[0].preview, confidence: 'high', severity: 'high', findings,
    contexts: [`repo:${LOCAL}`], live: true, flags: ['stale'], reasons: { stale: `first seen 2024-01-01 (commit ccccccc in ${LOCAL} (config/app.env)), still live in repo:${LOCAL}` }, ...rest,
  };
}
const fp = (n) => n.toString(16).padStart(64, '0');

async function setup(t, extra = {}) {
  const api = await startApiServer({ gitBase: 'http://unused', perPage: 50 });
  t.teardown(api.close);
  api.addRepo('acme', 'app', { private: true, ...extra });
  const known = new Map([[LOCAL, { fullName: 'acme/app', htmlUrl: 'https://github.example/acme/app' }]]);
  const client = makeClient({ token: 't0ken', apiUrl: api.url, msPerSecond: 1, log: () => {} });
  return { api, known, client };
}

t.test('an AWS key ID and its secret are one issue; locations rolled up; no local path', async (t) => {
  const { api, known, client } = await setup(t);
  const id = cred(fp(1), 'aws-access-key-id', 1);
  const secret = cred(fp(2), 'aws-secret-access-key', 30, { finding: { pairedWith: { ruleId: 'aws-access-key-id', fingerprint: fp(1), preview: 'AKIA…xx' } } });
  const res = await syncIssues(issueTargets([id, secret], known), { client, dryRun: false, fullScan: true, log: () => {} });
  t.same(res.errors, []);
  const issues = api.allIssues();
  t.equal(issues.length, 1, 'one issue for the pair');
  const body = issues[0].body;
  t.match(issues[0].title, /^Leaked AWS secret access key \+ AWS access key ID \(aws\) in config\/app\.env$/);
  t.match(body, /credsweep:fingerprint=0{63}2 /, 'keyed by the secret');
  t.match(body, new RegExp(`\`${fp(1)}\``));
  t.match(body, /with its paired \*\*AWS access key ID\*\*/);
  t.match(body, /- \[`config\/app\.env:2:5`\]\(https:\/\/github\.example\/acme\/app\/blob\/c{39}0\/config\/app\.env#L2\) · added in \[ccccccc\]/, 'live version first, clickable');
  t.match(body, /\n {2}- 29 earlier versions since 2024-01-02 \(\[ccccccc\]\(https:\/\/github\.example\/acme\/app\/commit\/c{39}1\)\)/);
  t.equal(body.match(/config\/app\.env:2:5/g).length, 2, 'one line per place per part, not one per version');
  t.match(body, /\[AWS: manage and rotate IAM access keys\]\(https:\/\/docs\.aws\.amazon\.com\//, 'provider rotation link');
  t.match(body, /Rotate the pair together/);
  t.notOk(body.includes('/home/'), 'no local path anywhere in the body');
  t.notOk(body.includes('tmp/credsweep'), 'no local path');
  t.match(body, /still live in repo:acme\/app/, 'the local clone is named by its repository');
});

t.test('--max-issues: the worst 20 get issues, the rest one tracking issue; reruns change nothing; closing issues makes room', async (t) => {
  const { api, known, client } = await setup(t);
  const creds = Array.from({ length: 25 }, (_, i) => cred(fp(100 + i), 'github-pat-classic', 2, { severity: i < 3 ? 'low' : 'high', flags: [], reasons: {} }));
  const lines = [];
  const opts = { client, dryRun: false, fullScan: true, maxIssues: 20, log: (l) => lines.push(l) };
  let res = await syncIssues(issueTargets(creds, known), opts);
  t.same(res.errors, []);
  const issues = api.allIssues();
  t.equal(issues.length, 21, '20 issues and one tracking issue');
  const tracking = issues.find((i) => i.body.includes('credsweep:tracking'));
  t.match(tracking.title, /^credsweep: 5 more leaked credentials waiting for an issue$/);
  t.equal((tracking.body.match(/^\| (low|high) \|/gm) ?? []).length, 5);
  t.equal((tracking.body.match(/^\| low \|/gm) ?? []).length, 3, 'the low ones wait, the high ones get issues');
  t.match(issueSummary(res, false), /^issues: 20 opened, 0 updated, 5 over --max-issues/);
  const writes = api.writes().length;
  res = await syncIssues(issueTargets(creds, known), opts);
  t.equal(api.writes().length, writes, 'a rerun with the same findings writes nothing');
  // Two fixed and closed: two of the waiting ones get issues, the tracking issue lists three.
  for (const i of api.state.issues.get('acme/app').filter((i) => !i.body.includes('credsweep:tracking')).slice(0, 2)) i.state = 'closed';
  const fixed = creds.filter((c) => !api.allIssues().some((i) => i.state === 'closed' && i.body.includes(c.fingerprint)));
  res = await syncIssues(issueTargets(fixed, known), opts);
  t.equal(res.actions.filter((a) => a.kind === 'create').length, 2);
  t.match(api.allIssues().find((i) => i.body.includes('credsweep:tracking')).title, /^credsweep: 3 more/);
  // Cap raised: the waiting ones get their issues and the tracking issue is closed.
  res = await syncIssues(issueTargets(creds, known), { ...opts, maxIssues: 50 });
  t.equal(res.actions.filter((a) => a.kind === 'create').length, 3);
  t.equal(api.allIssues().find((i) => i.body.includes('credsweep:tracking')).state, 'closed');
});

t.test('a live credential on a public repository: refused unless --allow-public-issues', async (t) => {
  const { api, known, client } = await setup(t, { private: false });
  const live = cred(fp(7), 'github-pat-classic', 1);
  const gone = cred(fp(8), 'github-pat-classic', 1, { finding: {}, live: false });
  for (const f of gone.findings) f.origin.live = false;
  const lines = [];
  let res = await syncIssues(issueTargets([live, gone], known), { client, dryRun: false, fullScan: true, log: (l) => lines.push(l) });
  t.same(res.actions.map((a) => a.kind).sort(), ['create', 'refused']);
  t.equal(api.allIssues().length, 1, 'only the history-only one');
  t.match(lines.join('\n'), /refuse to open \(public repository, live credential: rotate it first, or pass --allow-public-issues\) acme\/app/);
  res = await syncIssues(issueTargets([live, gone], known), { client, dryRun: false, fullScan: true, allowPublicIssues: true, log: () => {} });
  t.same(res.actions.map((a) => a.kind).sort(), ['create', 'unchanged']);
  t.equal(api.allIssues().length, 2);
});

t.test('--dry-run prints every body it would post and says "would open N", writing nothing', async (t) => {
  const { api, known, client } = await setup(t);
  const lines = [];
  const res = await syncIssues(issueTargets([cred(fp(9), 'github-pat-classic', 3), cred(fp(10), 'github-pat-classic', 1)], known), { client, dryRun: true, fullScan: true, log: (l) => lines.push(l) });
  t.equal(api.writes().length, 0);
  const text = lines.join('\n');
  t.equal(text.match(/^would open acme\/app: /gm).length, 2);
  t.equal(text.match(/^ {4}\| <!-- credsweep:fingerprint=/gm).length, 2, 'both full bodies');
  t.match(text, /^ {4}\| ### Remediation$/m);
  t.equal(issueSummary(res, true), 'issues (dry run, nothing changed): would open 2, would update 0, 0 unchanged');
  t.notMatch(issueSummary(res, true), /\d+ opened/);
});
