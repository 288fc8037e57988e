// The README's first command scans corpus/demo: it must find every planted secret and
// nothing in the decoy files (placeholders, documented example keys, templating, hashes).
import t from 'tap';
import { runCli } from '../helpers/cli.mjs';

const PLANTED = [
  ['.env', 4, 'github-pat-classic'],
  ['.env', 5, 'stripe-secret-key-live'],
  ['.env', 6, /^(generic|dotenv)-/],
  ['.npmrc', 2, 'npm-access-token'],
  ['app/config/settings.py', 6, 'aws-access-key-id'],
  ['app/config/settings.py', 7, 'aws-secret-access-key'],
  ['app/config/settings.py', 10, 'postgres-url'],
  ['deploy/app.yaml', 13, 'slack-bot-token'],
  ['deploy/app.yaml', 15, 'jwt'],
  ['keys/deploy_key.pem', 1, 'private-key-rsa'],
  ['src/client.js', 4, 'openai-project-key'],
];

t.test('demo scan finds every planted secret and nothing in the decoys', async (t) => {
  const r = runCli(['scan', 'dir', 'corpus/demo', '--format', 'json', '--min-confidence', 'low']);
  t.equal(r.code, 1, r.stderr);
  const doc = JSON.parse(r.stdout);
  const rules = doc.findings.filter((f) => f.kind === 'rule');
  for (const [path, line, rule] of PLANTED) {
    const hit = rules.find((f) => f.origin.path === path && f.line === line && (typeof rule === 'string' ? f.ruleId === rule : rule.test(f.ruleId)));
    t.ok(hit, `found ${rule} at ${path}:${line}`);
  }
  t.equal(rules.length, PLANTED.length, `no extra rule findings: ${rules.map((f) => `${f.ruleId}@${f.origin.path}:${f.line}`).join(', ')}`);
  t.same(doc.findings.filter((f) => f.origin.path.startsWith('decoys/')), [], 'decoys are silent');
});
