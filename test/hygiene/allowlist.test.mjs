// The policy's allow section: paths, values (literal or /regex/) and rules are never reported,
// and each match is counted; the shipped JSON Schema checks the file, errors name file:line and key.
import t from 'tap';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli.mjs';
import { seededToken } from '../helpers/tokens.mjs';

const dir = tempDir();
const files = {
  'docs/setup.md': `export GITHUB_TOKEN=${seededToken('allow-docs')}\n`,
  'app/.env': `GITHUB_TOKEN=${seededToken('allow-app')}\n`,
  'test/db.env': 'DB_PASSWORD=SharedTestPass2024!\n',
  'ci/settings.env': 'password = build-9f8e7d6c5b4a\n',
};
for (const [p, text] of Object.entries(files)) {
  mkdirSync(join(dir, p, '..'), { recursive: true });
  writeFileSync(join(dir, p), text);
}
const scan = (policy) => {
  writeFileSync(join(dir, '.credsweep.yaml'), policy);
  const r = runCli(['scan', 'dir', dir, '--threads', '0', '--min-confidence', 'low', '-f', 'json', '--exclude', '.credsweep.yaml']);
  return { ...r, json: r.stdout ? JSON.parse(r.stdout) : undefined };
};

t.test('paths, values and rules', async (t) => {
  const all = scan('version: 1\n').json;
  const paths = all.findings.map((f) => f.origin.path).sort();
  t.ok(paths.includes('docs/setup.md') && paths.includes('test/db.env') && paths.includes('ci/settings.env'), 'everything found without an allow section');
  const r = scan(`allow:\n  paths: [docs/]\n  values: ["SharedTestPass2024!", "/build-[0-9a-f]{12}/"]\n  rules: []\n`).json;
  t.same(r.findings.map((f) => f.origin.path).sort(), ['app/.env'], 'only the app token is left');
  t.same(r.allowed, { paths: 1, values: 2, rules: 0 }, 'each match counted');
  const byRule = scan('allow:\n  rules: [github-pat-classic]\n').json;
  t.notOk(byRule.findings.some((f) => f.ruleId === 'github-pat-classic'));
  t.equal(byRule.allowed.rules, 2);
});

t.test('schema errors name file, line and key', async (t) => {
  const r = scan('maxAge: 30d\nallow:\n  path: [docs/]\n');
  t.equal(r.code, 2);
  t.match(r.stderr, /\.credsweep\.yaml:3: allow\.path: unknown key/);
  const bad = scan('allow:\n  values: ["/([/"]\n');
  t.match(bad.stderr, /\.credsweep\.yaml:2: allow\.values\.0: not a valid regular expression/);
});
