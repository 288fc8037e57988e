// Builds real repositories with the git CLI, with controlled dates, for the git source tests.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { seededToken } from '../../helpers/tokens.mjs';

/** A fake GitHub classic PAT with a valid checksum, derived from a seed (no literal token in the repo). */
export function fakeToken(seed) {
  return seededToken(`credsweep-git-test:${seed}`);
}

export function git(cwd, args, day) {
  const date = day ? `2021-01-${String(day).padStart(2, '0')}T12:00:00Z` : undefined;
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Alice Example',
    GIT_AUTHOR_EMAIL: 'alice@example.test',
    GIT_COMMITTER_NAME: 'Bob Committer',
    GIT_COMMITTER_EMAIL: 'bob@example.test',
    GIT_CONFIG_NOSYSTEM: '1',
    HOME: cwd,
  };
  if (date) {
    env.GIT_AUTHOR_DATE = date;
    env.GIT_COMMITTER_DATE = date;
  }
  return execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function write(repo, path, text) {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
}

export const T = Object.fromEntries(['modifiedFrom', 'modifiedTo', 'readded', 'side', 'merge', 'dup', 'tagOnly', 'feature'].map((k) => [k, fakeToken(k)]));

/**
 * The history repository. Day n of January 2021 is commit date and author date.
 *  c1 d1  add README.md, config/app.env (T.modifiedFrom)
 *  c2 d2  change config/app.env to T.modifiedTo
 *  c3 d3  move config/app.env -> settings/app.env (same blob)
 *  c4 d4  add keys/a.txt (T.readded); c5 d5 delete it; c6 d6 re-add the same content
 *  side from c6: s1 d7 add side.txt (T.side) and conflict.txt; tag v1 (annotated)
 *  main c7 d8 conflict.txt differently; merge m d10 resolves conflict.txt with T.merge
 *  c8 d11 dup/1..5.txt, one blob (T.dup)
 *  detached from c1: x1 d12 tagged.txt (T.tagOnly), tag release-x only
 *  feature from c8: f1 d13 feature.txt (T.feature)
 */
export function buildHistoryRepo(repo) {
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  const g = (args, day) => git(repo, args, day);
  const commit = (msg, day) => {
    g(['add', '-A'], day);
    g(['commit', '-q', '-m', msg], day);
    return g(['rev-parse', 'HEAD']);
  };
  g(['init', '-q']);
  write(repo, 'README.md', '# demo\n');
  write(repo, 'config/app.env', `GITHUB_TOKEN=${T.modifiedFrom}\n`);
  const c1 = commit('c1', 1);
  write(repo, 'config/app.env', `GITHUB_TOKEN=${T.modifiedTo}\n`);
  const c2 = commit('c2', 2);
  mkdirSync(join(repo, 'settings'));
  g(['mv', 'config/app.env', 'settings/app.env']);
  const c3 = commit('c3', 3);
  write(repo, 'keys/a.txt', `token: ${T.readded}\n`);
  const c4 = commit('c4', 4);
  g(['rm', '-q', 'keys/a.txt']);
  const c5 = commit('c5', 5);
  write(repo, 'keys/a.txt', `token: ${T.readded}\n`);
  const c6 = commit('c6', 6);
  g(['checkout', '-q', '-b', 'side']);
  write(repo, 'side.txt', `side = ${T.side}\n`);
  write(repo, 'conflict.txt', 'side version\n');
  const s1 = commit('s1', 7);
  g(['tag', '-a', 'v1', '-m', 'v1'], 7);
  g(['checkout', '-q', 'main']);
  write(repo, 'conflict.txt', 'main version\n');
  const c7 = commit('c7', 8);
  try {
    g(['merge', '-q', '--no-edit', 'side'], 10);
  } catch {
    // the conflict this fixture wants
  }
  write(repo, 'conflict.txt', `resolved = ${T.merge}\n`);
  g(['add', 'conflict.txt'], 10);
  g(['commit', '-q', '--no-edit'], 10);
  const m = g(['rev-parse', 'HEAD']);
  for (let i = 1; i <= 5; i++) write(repo, `dup/${i}.txt`, `key=${T.dup}\n`);
  const c8 = commit('c8', 11);
  g(['checkout', '-q', '--detach', c1]);
  write(repo, 'tagged.txt', `t=${T.tagOnly}\n`);
  const x1 = commit('x1', 12);
  g(['tag', 'release-x'], 12);
  g(['checkout', '-q', '-b', 'feature', c8]);
  write(repo, 'feature.txt', `f=${T.feature}\n`);
  const f1 = commit('f1', 13);
  g(['checkout', '-q', 'main']);
  return { repo, c: { c1, c2, c3, c4, c5, c6, s1, c7, m, c8, x1, f1 } };
}

export const DAY = (d) => `2021-01-${String(d).padStart(2, '0')}T12:00:00.000Z`;
