// The hooks as git runs them, in a real repository: a commit (or push) adding a fake token is
// refused, a clean one goes through. The hook scripts are what .pre-commit-hooks.yaml's
// entries run, written as plain git hooks (no pre-commit framework needed here).
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { BIN, ROOT, TEST_KEY, tempDir } from '../helpers/cli.mjs';
import { seededToken } from '../helpers/tokens.mjs';

const env = { ...process.env, CREDSWEEP_FINGERPRINT_KEY: TEST_KEY, GIT_AUTHOR_NAME: 'Dev', GIT_AUTHOR_EMAIL: 'dev@example.com', GIT_COMMITTER_NAME: 'Dev', GIT_COMMITTER_EMAIL: 'dev@example.com' };
const git = (cwd, ...args) => spawnSync('git', args, { cwd, env, encoding: 'utf8' });
const hooks = YAML.parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8'));

function installHook(repo, id) {
  const hook = hooks.find((h) => h.id === id);
  const args = hook.entry.replace(/^credsweep /, '');
  const name = hook.stages[0];
  const file = join(repo, '.git', 'hooks', name);
  writeFileSync(file, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" ${args} --threads 0\n`);
  chmodSync(file, 0o755);
}

t.test('pre-commit: the staged version is what counts', async (t) => {
  const repo = tempDir();
  git(repo, 'init', '-q', '-b', 'main');
  installHook(repo, 'credsweep');
  writeFileSync(join(repo, 'README.md'), '# app\n');
  git(repo, 'add', '-A');
  const clean = git(repo, 'commit', '-q', '-m', 'init');
  t.equal(clean.status, 0, `the first, clean commit passes: ${clean.stderr}`);
  writeFileSync(join(repo, 'app.env'), `GITHUB_TOKEN=${seededToken('hook-commit')}\n`);
  git(repo, 'add', 'app.env');
  const refused = git(repo, 'commit', '-q', '-m', 'add config');
  t.not(refused.status, 0, 'the commit adding a token is refused');
  t.match(refused.stdout + refused.stderr, /GitHub personal access token/);
  t.notOk((refused.stdout + refused.stderr).includes(seededToken('hook-commit')), 'the hook prints no secret');
  // Fixed in the work tree only: the index still holds the token, so the commit is still refused.
  writeFileSync(join(repo, 'app.env'), 'GITHUB_TOKEN=${GITHUB_TOKEN}\n');
  t.not(git(repo, 'commit', '-q', '-m', 'add config').status, 0, 'the index, not the work tree, is scanned');
  git(repo, 'add', 'app.env');
  t.equal(git(repo, 'commit', '-q', '-m', 'add config').status, 0, 'staged fix: the commit passes');
});

t.test('pre-push: only what the push adds', async (t) => {
  const remote = tempDir();
  git(remote, 'init', '-q', '--bare', '-b', 'main');
  const repo = tempDir();
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'remote', 'add', 'origin', remote);
  writeFileSync(join(repo, 'README.md'), '# app\n');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'init');
  installHook(repo, 'credsweep-pre-push');
  t.equal(git(repo, 'push', '-q', 'origin', 'main').status, 0, 'a clean push passes');
  writeFileSync(join(repo, 'deploy.sh'), `export T=${seededToken('hook-push')}\n`);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'deploy');
  const refused = git(repo, 'push', '-q', 'origin', 'main');
  t.not(refused.status, 0, 'the push adding a token is refused');
  t.match(refused.stdout + refused.stderr, /deploy\.sh/);
});

t.test('stdin: scan dir - and scan stdin --stdin-name', async (t) => {
  const input = `token=${seededToken('stdin')}\n`;
  for (const args of [['scan', 'dir', '-'], ['scan', 'stdin', '--stdin-name', 'piped/app.env']]) {
    const r = spawnSync(process.execPath, [BIN, ...args, '--threads', '0', '-f', 'json'], { input, env, encoding: 'utf8' });
    t.equal(r.status, 1, args.join(' '));
    const f = JSON.parse(r.stdout).findings[0];
    t.equal(f.origin.path, args.includes('--stdin-name') ? 'piped/app.env' : '<stdin>');
  }
});
