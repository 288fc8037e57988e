import t from 'tap';
import { analyseCredentials } from '../../dist/hygiene/analyse.js';
import { parsePolicy } from '../../dist/policy/parse.js';
import { finding, commit, git, image, imageConfig, helm, file, NOW } from './findings.mjs';

const one = (findings, opts = {}) => {
  const cs = analyseCredentials(findings, { now: NOW, ...opts });
  return cs;
};
const byFp = (cs, fp) => cs.find((c) => c.fingerprint === fp);

t.test('stale: old and live in the default branch, with age evidence and reason', async (t) => {
  const [c] = one([finding(git('acme/api', 'config.env', [commit('2024-01-10T12:00:00Z', 'config.env', 'a'.repeat(40)), commit('2024-09-01T00:00:00Z')]))]);
  t.same(c.flags, ['stale']);
  t.equal(c.firstSeen, '2024-01-10T12:00:00.000Z');
  t.equal(c.lastSeen, '2024-09-01T00:00:00.000Z');
  t.equal(c.ageDays, 507);
  t.match(c.ageEvidence, /^commit aaaaaaaaaa in acme\/api \(config\.env\) authored 2024-01-10$/);
  t.equal(c.reasons.stale, 'first seen 2024-01-10 (commit aaaaaaaaaa in acme/api (config.env) authored 2024-01-10), 507 days ago, over the 90-day max age, and still live in repo:acme/api');
  t.equal(c.severity, 'critical', 'high confidence + stale');
  t.same(c.contexts, ['repo:acme/api']);
  t.equal(c.live, true);
});

t.test('fresh live credential is not stale; --max-age and policy overrides decide', async (t) => {
  const f = finding(git('acme/api', 'a.env', [commit('2025-04-01T00:00:00Z')]));
  t.same(one([f])[0].flags, []);
  t.equal(one([f])[0].severity, 'high');
  t.same(one([f], { maxAgeDays: 30 })[0].flags, ['stale'], '61 days > 30');
  const pol = parsePolicy('maxAge:\n  default: 365d\n  rules:\n    github-pat-classic: 14d\n');
  t.same(one([f], { maxAgeDays: 365, policy: pol })[0].flags, ['stale'], 'rule override wins over the CLI default');
  t.equal(one([f], { policy: pol })[0].maxAgeDays, 14);
  const pol2 = parsePolicy('maxAge:\n  providers:\n    github: 1y\n');
  t.same(one([finding(git('acme/api', 'a.env', [commit('2024-07-01T00:00:00Z')]))], { policy: pol2 })[0].flags, [], 'provider override 365d');
});

t.test('history-only: removed from the tree, still in history; lowers severity; never stale', async (t) => {
  const [c] = one([finding(git('acme/api', 'old.env', [commit('2023-01-01T00:00:00Z')], false))]);
  t.same(c.flags, ['history-only']);
  t.equal(c.live, false);
  t.equal(c.reasons['history-only'], 'not live anywhere: removed from the default branch of acme/api, still in its history; rotate it all the same, history and shipped layers stay readable');
  t.equal(c.severity, 'medium');
});

t.test('shared across two repos and an image; contexts listed; image tags are one context', async (t) => {
  const fs = [
    finding(git('acme/api', '.env', [commit('2025-05-01T00:00:00Z')])),
    finding(git('acme/web', 'src/config.js', [commit('2025-05-02T00:00:00Z')])),
    finding(image('registry.test/acme/api:1.2', 'app/.env', '2025-05-03T00:00:00Z')),
    finding(imageConfig('registry.test/acme/api:1.2', 'Env.GITHUB_TOKEN', '2025-05-03T00:00:00Z')),
  ];
  const [c] = one(fs);
  t.same(c.contexts, ['image:registry.test/acme/api', 'repo:acme/api', 'repo:acme/web']);
  t.same(c.flags, ['shared']);
  t.equal(c.reasons.shared, 'the same credential is in 3 contexts: image:registry.test/acme/api, repo:acme/api, repo:acme/web');
  t.equal(c.severity, 'critical');
  t.equal(c.findings.length, 4);
  t.same(c.places.map((p) => [p.context, p.live]), [
    ['image:registry.test/acme/api', true],
    ['repo:acme/api', true],
    ['repo:acme/web', true],
  ]);
});

t.test('values-dev / values-prod share a credential; values.yaml beside one environment does not', async (t) => {
  const [c] = one([finding(helm('webapp', 'values-dev.yaml', 'dev'), { yamlPath: 'db.password' }), finding(helm('webapp', 'values-prod.yaml', 'prod'), { yamlPath: 'db.password' })]);
  t.same(c.contexts, ['chart:webapp env:dev', 'chart:webapp env:prod']);
  t.same(c.flags, ['shared']);
  const [d] = one([finding(helm('webapp', 'values.yaml', 'default')), finding(helm('webapp', 'values-prod.yaml', 'prod'))]);
  t.same(d.contexts, ['chart:webapp env:prod']);
  t.same(d.flags, []);
});

t.test('environments by path pattern from the policy; contexts policy can drop environments', async (t) => {
  const pol = parsePolicy('environments:\n  prod: ["deploy/prod/**"]\n  dev: deploy/dev/**\n');
  const fs = [finding(git('acme/ops', 'deploy/prod/app.env', [commit('2025-05-01T00:00:00Z')])), finding(git('acme/ops', 'deploy/dev/app.env', [commit('2025-05-01T00:00:00Z')]))];
  const [c] = one(fs, { policy: pol });
  t.same(c.contexts, ['repo:acme/ops env:dev', 'repo:acme/ops env:prod']);
  t.same(c.flags, ['shared']);
  const [d] = one(fs, { policy: parsePolicy('environments:\n  prod: deploy/prod/**\n  dev: deploy/dev/**\ncontexts: [repo]\n') });
  t.same(d.contexts, ['repo:acme/ops']);
  t.same(d.flags, []);
  const [e] = one(fs);
  t.same(e.flags, [], 'no environments without a policy');
});

t.test('expired JWT: exp passed; lower severity; not stale though old', async (t) => {
  const dates = { issuedAt: '2024-01-01T00:00:00.000Z', expiresAt: '2024-02-01T00:00:00.000Z' };
  const [c] = one([finding(file('config/app.yaml'), { ruleId: 'jwt', ruleName: 'JSON Web Token', provider: 'jwt', dates })]);
  t.same(c.flags, ['expired']);
  t.equal(c.firstSeen, '2024-01-01T00:00:00.000Z');
  t.equal(c.ageEvidence, 'issued-at (iat) claim 2024-01-01');
  t.equal(c.expiresAt, '2024-02-01T00:00:00.000Z');
  t.equal(c.reasons.expired, 'expired on 2024-02-01 (expiry (exp) claim); it opens nothing now, but it leaked and whatever it protected was exposed until then');
  t.equal(c.severity, 'medium');
  const [live] = one([finding(file('a.yaml'), { ruleId: 'jwt', dates: { issuedAt: '2024-01-01T00:00:00Z', expiresAt: '2030-01-01T00:00:00Z' } })]);
  t.same(live.flags, ['stale'], 'a plain file is live; iat gives the age');
});

t.test('JWT issued before its commit: the earliest evidence wins', async (t) => {
  const [c] = one([finding(git('acme/api', 'a.env', [commit('2025-05-01T00:00:00Z')]), { dates: { issuedAt: '2024-12-01T00:00:00Z' } })]);
  t.equal(c.firstSeen, '2024-12-01T00:00:00.000Z');
  t.equal(c.lastSeen, '2025-05-01T00:00:00.000Z');
  t.match(c.ageEvidence, /issued-at/);
});

t.test('private key aged by its paired certificate', async (t) => {
  const [c] = one([finding(file('tls/key.pem'), { ruleId: 'private-key-pkcs8', dates: { notBefore: '2023-03-01T00:00:00.000Z', expiresAt: '2033-03-01T00:00:00.000Z' } })]);
  t.equal(c.ageEvidence, 'paired certificate valid from 2023-03-01');
  t.same(c.flags, ['stale']);
  t.match(c.reasons.stale, /^first seen 2023-03-01 \(paired certificate valid from 2023-03-01\)/);
});

t.test('hidden layer: deleted by a later layer but shipped: its own flag, full severity, never history-only', async (t) => {
  const [c] = one([finding(image('acme/api:2', 'root/.npmrc', '2025-05-20T00:00:00Z', 3, true, { hiddenBy: 5 }))]);
  t.same(c.flags, ['hidden-layer']);
  t.equal(c.reasons['hidden-layer'], 'root/.npmrc in layer 3 of acme/api:2 is deleted by layer 5, but the layer still ships with the image');
  t.equal(c.severity, 'high');
  t.equal(c.inHead, true);
  t.equal(c.firstSeen, '2025-05-20T00:00:00.000Z');
});

t.test('only in an older image tag / older chart version: not live', async (t) => {
  const cs = one([
    finding(image('acme/api:1', 'app/.env', '2025-01-01T00:00:00Z', 2), { fingerprint: 'old' }),
    finding(image('acme/api:2', 'app/.env', '2025-05-01T00:00:00Z', 2), { fingerprint: 'new' }),
  ]);
  t.same(byFp(cs, 'old').flags, ['history-only']);
  t.match(byFp(cs, 'old').reasons['history-only'], /only in acme\/api:1, older than acme\/api:2/);
  t.same(byFp(cs, 'new').flags, []);
  const hs = one([finding(helm('webapp', 'values.yaml', 'default', '1.9.0'), { fingerprint: 'old' }), finding(helm('webapp', 'values.yaml', 'default', '1.10.0'), { fingerprint: 'new' })]);
  t.same(byFp(hs, 'old').flags, ['rotated', 'history-only']);
  t.match(byFp(hs, 'old').reasons['history-only'], /only in webapp@1\.9\.0, not in the current webapp@1\.10\.0/);
  t.same(byFp(hs, 'new').flags, []);
});

t.test('rotation in history: same file and key later holds another value', async (t) => {
  const c1 = commit('2024-11-01T00:00:00Z', 'config/app.env', '1'.repeat(40));
  const c2 = commit('2025-03-15T00:00:00Z', 'config/app.env', '2'.repeat(40));
  const cs = one([
    finding(git('acme/api', 'config/app.env', [c1], false, 'blob1'), { fingerprint: 'old', key: 'GITHUB_TOKEN' }),
    finding(git('acme/api', 'config/app.env', [c2], true, 'blob2'), { fingerprint: 'new', key: 'GITHUB_TOKEN' }),
  ]);
  const old = byFp(cs, 'old');
  t.same(old.flags, ['rotated', 'history-only']);
  t.same(old.rotations, [{ location: 'repo:acme/api config/app.env GITHUB_TOKEN', at: '2025-03-15T00:00:00.000Z', evidence: 'commit 2222222222', replacedBy: 'new' }]);
  t.equal(
    old.reasons.rotated,
    'repo:acme/api config/app.env GITHUB_TOKEN holds a different value (fp:new) since 2025-03-15 (commit 2222222222); this old value is still exposed in history or older artifacts, so revoke it if that has not been done',
  );
  t.same(byFp(cs, 'new').flags, []);
});

t.test('not a rotation: a second value added beside the first, or another key', async (t) => {
  const c1 = commit('2024-11-01T00:00:00Z', 'x.env');
  const c2 = commit('2025-03-15T00:00:00Z', 'x.env');
  const cs = one([
    finding(git('r', 'x.env', [c1], true, 'blob1')),
    finding(git('r', 'x.env', [c2], true, 'blob2')),
    finding(git('r', 'x.env', [c2], true, 'blob2'), { fingerprint: 'fp-b' }),
  ]);
  t.same(byFp(cs, 'fp-a').flags, ['stale']);
  t.same(byFp(cs, 'fp-b').flags, []);
  const ks = one([finding(git('r', 'x.env', [c1], true, 'blob1'), { key: 'A' }), finding(git('r', 'x.env', [c2], true, 'blob2'), { key: 'B', fingerprint: 'fp-b' })]);
  t.same(byFp(ks, 'fp-a').flags, ['stale']);
});

t.test('rotation of an image env var across tags', async (t) => {
  const cs = one([
    finding(imageConfig('acme/api:1', 'Env.API_TOKEN', '2025-01-01T00:00:00Z'), { fingerprint: 'old' }),
    finding(imageConfig('acme/api:2', 'Env.API_TOKEN', '2025-04-01T00:00:00Z'), { fingerprint: 'new' }),
  ]);
  t.same(byFp(cs, 'old').flags, ['rotated', 'history-only']);
  t.equal(byFp(cs, 'old').rotations[0].location, 'image:acme/api config Env.API_TOKEN');
});

t.test('severity table', async (t) => {
  const { severityOf } = await import('../../dist/hygiene/severity.js');
  t.equal(severityOf('high', []), 'high');
  t.equal(severityOf('high', ['stale', 'shared']), 'critical');
  t.equal(severityOf('medium', ['shared']), 'high');
  t.equal(severityOf('low', []), 'low');
  t.equal(severityOf('low', ['history-only']), 'low');
  t.equal(severityOf('high', ['history-only', 'expired']), 'low');
});

t.test('fail-on new uses the inventory delta', async (t) => {
  const { shouldFail } = await import('../../dist/hygiene/fail-on.js');
  const { parseFailOn } = await import('../../dist/policy/fail-on.js');
  const cs = one([finding(file('a'))]);
  t.equal(shouldFail(parseFailOn('new'), cs, new Set()), false);
  t.equal(shouldFail(parseFailOn('new'), cs, new Set(['fp-a'])), true);
  t.equal(shouldFail(parseFailOn('stale'), cs), false);
});
