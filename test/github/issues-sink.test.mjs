import t from 'tap';
import { startApiServer } from './api-server.mjs';
import { makeClient } from '../../dist/github/client.js';
import { syncIssues } from '../../dist/github/issues-sink.js';
import { issueTargets } from '../../dist/github/targets.js';

const SECRET = 'ghp_' + 'Zx9'.repeat(12);

function cred(fp, repos, extra = {}) {
  const findings = repos.map((repo, i) => ({
    kind: 'rule', ruleId: 'github-pat-classic', ruleName: 'GitHub classic PAT', provider: 'github', confidence: 'high', validated: true,
    origin: { kind: 'git', repo, blob: 'b'.repeat(40), path: `config/app${i}.env`, live: true,
      commits: [{ commit: 'c'.repeat(40), authorName: 'Dev', authorEmail: 'dev@example.com', authorDate: '2024-01-02T00:00:00Z', commitDate: '2024-01-02T00:00:00Z', path: `config/app${i}.env` }] },
    line: 3, column: 7, endLine: 3, endColumn: 47, fingerprint: fp, preview: 'ghp_…Zx (40 chars)', secretLength: 40, secret: SECRET,
  }));
  return { fingerprint: fp, ruleId: 'github-pat-classic', ruleName: 'GitHub classic PAT', provider: 'github', kind: 'rule', preview: 'ghp_…Zx (40 chars)',
    confidence: 'high', severity: 'high', findings, contexts: repos.map((r) => `repo:${r}`), live: true, flags: [], reasons: {}, ...extra };
}

t.test('issues sink against the loopback API', async (t) => {
  const api = await startApiServer({ gitBase: 'http://unused', perPage: 1 });
  t.teardown(api.close);
  for (const n of ['one', 'two']) api.addRepo('acme', n, { private: true });
  const known = new Map(['acme/one', 'acme/two'].map((r) => [r, { fullName: r, htmlUrl: `https://github.example/${r}` }]));
  const client = makeClient({ token: 't0ken', apiUrl: api.url, msPerSecond: 2, log: () => {} });
  const fpA = 'a'.repeat(64), fpB = 'b'.repeat(64);
  const shared = cred(fpA, ['acme/one', 'acme/two'], { flags: ['shared'], reasons: { shared: 'found in 2 repositories: acme/one, acme/two' } });
  const single = cred(fpB, ['acme/one']);
  const opts = { client, dryRun: false, fullScan: true, scannedRepos: ['acme/one', 'acme/two'], forbidden: [SECRET], log: () => {} };

  // First write of the run meets a secondary rate limit, a listing meets a 502: both are retried.
  api.state.faults.push({ method: 'POST', match: /\/issues$/, status: 403, headers: { 'retry-after': '1' }, body: { message: 'You have exceeded a secondary rate limit' } });
  api.state.faults.push({ method: 'GET', match: /\/repos\/acme\/two\/issues$/, status: 502, body: { message: 'bad gateway' } });
  let res = await syncIssues(issueTargets([shared, single], known), opts);
  t.same(res.errors, []);
  t.same(res.actions.map((a) => `${a.kind} ${a.repo} ${a.fingerprint[0]}`).sort(), ['create acme/one a', 'create acme/one b', 'create acme/two a']);
  const issues = api.allIssues();
  t.equal(issues.length, 3);
  for (const i of issues.filter((i) => i.body.includes(fpA))) {
    t.match(i.body, /\*\*shared\*\*: found in 2 repositories/);
    t.ok(i.labels.includes('credsweep:shared'));
  }
  t.match(issues[0].title, /^Leaked GitHub classic PAT \(github\) in config\/app/);
  t.match(issues[0].body, /<!-- credsweep:fingerprint=[0-9a-f]{64} state=[0-9a-f]+ live=1 -->/);
  t.match(issues[0].body, /https:\/\/github\.example\/acme\/one\/commit\/c{40}/);
  t.match(issues[0].body, /Rotate first/);
  t.ok(api.state.labels.get('acme/one').has('severity:high'));

  // A rerun changes nothing.
  let writes = api.writes().length;
  res = await syncIssues(issueTargets([shared, single], known), opts);
  t.same(res.actions.map((a) => a.kind), ['unchanged', 'unchanged', 'unchanged']);
  t.equal(api.writes().length, writes, 'no write on rerun');
  t.ok(api.state.requests.some((r) => r.method === 'GET' && /\/issues$/.test(r.path) && /page=2/.test(r.query)), 'paginated the issue list');

  // Closed while still live: reopened. Gone from the scan: one comment, then quiet.
  api.state.issues.get('acme/one').find((i) => i.body.includes(fpB)).state = 'closed';
  res = await syncIssues(issueTargets([shared, single], known), opts);
  t.same(res.actions.filter((a) => a.kind !== 'unchanged').map((a) => a.kind), ['reopen']);
  res = await syncIssues(issueTargets([single], known), opts);
  t.same(res.actions.filter((a) => a.kind === 'gone').map((a) => a.repo).sort(), ['acme/one', 'acme/two']);
  writes = api.writes().length;
  res = await syncIssues(issueTargets([single], known), opts);
  t.equal(api.writes().length, writes, 'gone is said once');

  // Dry run writes nothing and says what it would do.
  const lines = [];
  const extra = cred('c'.repeat(64), ['acme/two']);
  res = await syncIssues(issueTargets([single, extra], known), { ...opts, dryRun: true, log: (l) => lines.push(l) });
  t.equal(api.writes().length, writes);
  t.match(lines.join('\n'), /would open acme\/two: Leaked GitHub classic PAT/);
  t.match(lines.join('\n'), /    \| <!-- credsweep:fingerprint=c{64}/, 'the dry run prints the full body');

  for (const r of api.state.requests) t.notOk((r.body + r.path + r.query).includes(SECRET), `no secret in ${r.method} ${r.path}`);
  t.ok(api.state.requests.every((r) => r.auth === 'token t0ken'), 'token sent');
});
