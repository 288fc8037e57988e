#!/usr/bin/env node
// Case 17, git part: places a secret hides in a repository besides its files.
//  - a commit message and an annotated tag message, each with a secret
//  - a submodule (gitlink), which the scan cannot read and must list as skipped
//  - a folder holding a file whose name has a backslash, beside a file with a secret
//    (isomorphic-git refused the whole tree over that name)
//  - a plain file with a secret
// Usage: node git-hidden-places.mjs OUT_DIR
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeToken, git, isMain } from './lib.mjs';

export const HIDDEN_SECRETS = {
  file: fakeToken('hidden-file'),
  commitMessage: fakeToken('hidden-commit-message'),
  tagMessage: fakeToken('hidden-tag-message'),
  besideBackslash: fakeToken('hidden-beside-backslash'),
};

export function hiddenPlacesRepo(repo) {
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(join(repo, 'conf'), { recursive: true });
  git(repo, ['init', '-q']);
  writeFileSync(join(repo, 'app.env'), `GITHUB_TOKEN=${HIDDEN_SECRETS.file}\n`);
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', 'add app config']);
  writeFileSync(join(repo, 'README.md'), '# demo\n');
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', `fix CI\n\nused token=${HIDDEN_SECRETS.commitMessage} to test the deploy\n`]);
  const messageCommit = git(repo, ['rev-parse', 'HEAD']);
  git(repo, ['tag', '-a', 'v1.0', '-m', `release\n\npublish with token=${HIDDEN_SECRETS.tagMessage}\n`]);
  const tagObject = git(repo, ['rev-parse', 'refs/tags/v1.0']);
  // A gitlink to a commit of another repository: no checkout, no network.
  git(repo, ['update-index', '--add', '--cacheinfo', `160000,${'ab'.repeat(20)},vendor/lib`]);
  writeFileSync(join(repo, 'conf', 'a\\b.txt'), 'a name with a backslash\n');
  writeFileSync(join(repo, 'conf', 'prod.env'), `GITHUB_TOKEN=${HIDDEN_SECRETS.besideBackslash}\n`);
  git(repo, ['add', 'conf']);
  git(repo, ['commit', '-q', '-m', 'vendor lib and prod config']);
  return { repo, secrets: HIDDEN_SECRETS, messageCommit, tagObject };
}

if (isMain(import.meta.url)) {
  const out = process.argv[2];
  if (!out) throw new Error('usage: git-hidden-places.mjs OUT_DIR');
  const r = hiddenPlacesRepo(out);
  console.log(JSON.stringify({ repo: r.repo, messageCommit: r.messageCommit, tagObject: r.tagObject }));
}
