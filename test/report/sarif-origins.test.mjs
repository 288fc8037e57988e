// Artifact URIs code scanning can place for every kind of origin, and the limits on a large
// report; the SARIF renderer on reports assembled from real finding shapes.
import t from 'tap';
import { renderSarif } from '../../dist/report/sarif.js';
import { checkSarif, sarifProblems } from '../helpers/sarif.mjs';

const base = { kind: 'rule', ruleId: 'github-pat-classic', ruleName: 'GitHub classic PAT', provider: 'github', confidence: 'high', validated: true, line: 1, column: 5, endLine: 1, endColumn: 45, preview: 'ghp_…Zx (40 chars)', secretLength: 40 };
const cred = (fp, findings, extra = {}) => ({ fingerprint: fp, ruleId: 'github-pat-classic', ruleName: 'GitHub classic PAT', provider: 'github', kind: 'rule', preview: 'ghp_…Zx (40 chars)', confidence: 'high', severity: 'high', findings, contexts: [], live: true, flags: [], reasons: {}, ...extra });
const report = (credentials) => ({ tool: { name: 'credsweep', version: '0.1.0' }, target: { kind: 'image', name: 'x' }, startedAt: '2026-01-01T00:00:00.000Z', stats: { chunks: 1, bytes: 1, seconds: 0 }, findings: credentials.flatMap((c) => c.findings), credentials, skipped: [], errors: [], ignored: 0, showSecrets: false });

t.test('image layers, image config and charts get readable relative URIs', async (t) => {
  const fp = 'a'.repeat(64);
  const layer = (index, hidden) => ({ ...base, fingerprint: fp, origin: { kind: 'image', image: 'registry.example/app:1.2', layer: { index, digest: `sha256:${String(index).repeat(64)}`, created: `2025-0${index + 1}-01T00:00:00Z` }, path: 'etc/app/secret.env', deletedLater: hidden } });
  const config = { ...base, fingerprint: 'b'.repeat(64), origin: { kind: 'image-config', image: 'registry.example/app:1.2', field: 'Env.DATABASE_URL' } };
  const chart = { ...base, fingerprint: 'c'.repeat(64), origin: { kind: 'helm', chart: 'web', version: '1.0.0', path: 'values-prod.yaml', environment: 'prod' }, yamlPath: 'db.password' };
  const doc = checkSarif(t, renderSarif(report([cred(fp, [layer(1, true), layer(3, false)]), cred('b'.repeat(64), [config]), cred('c'.repeat(64), [chart])])));
  const uris = doc.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation);
  t.same(uris, [
    { uri: 'image/registry.example%2Fapp%3A1.2/etc/app/secret.env', uriBaseId: 'IMAGEROOT' },
    { uri: 'image/registry.example%2Fapp%3A1.2/config.json', uriBaseId: 'IMAGEROOT' },
    { uri: 'values-prod.yaml', uriBaseId: '%SRCROOT%' },
  ]);
  const img = doc.runs[0].results[0];
  t.equal(img.properties.origin.layer, 3, 'the layer still shipped comes first');
  t.equal(img.relatedLocations.length, 1, 'the hidden layer is a related location');
  t.same(doc.runs[0].results[1].locations[0].logicalLocations, [{ fullyQualifiedName: 'Env.DATABASE_URL', kind: 'member' }]);
});

t.test('a repository with hundreds of credentials stays within GitHub limits', async (t) => {
  const creds = [];
  for (let i = 0; i < 400; i++) {
    const fp = i.toString(16).padStart(64, '0');
    const findings = [];
    for (let v = 0; v < 80; v++) findings.push({ ...base, fingerprint: fp, origin: { kind: 'git', repo: 'acme/app', blob: `${v}`.padStart(40, 'b'), path: `svc${i % 20}/config.env`, live: v === 0, commits: [{ commit: `${v}`.padStart(40, 'c'), authorName: 'Dev', authorEmail: 'd@example.com', authorDate: `2024-01-${String((v % 28) + 1).padStart(2, '0')}T00:00:00Z`, commitDate: '2024-01-01T00:00:00Z', path: `svc${i % 20}/config.env` }], refs: Array.from({ length: 50 }, (_, k) => `refs/heads/b${k}`) } });
    creds.push(cred(fp, findings));
  }
  const text = renderSarif(report(creds));
  t.same(sarifProblems(text), []);
  const doc = JSON.parse(text);
  t.equal(doc.runs[0].results.length, 400, 'one result per credential per place, not 32,000');
  t.ok(doc.runs[0].results.every((r) => r.relatedLocations.length <= 50));
});
