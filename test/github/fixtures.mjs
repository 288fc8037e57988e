// Shared fixtures for the GitHub tests: fake tokens made here, real git repos made by the git CLI.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checksummedToken } from '../helpers/tokens.mjs';

export const CLI = join(dirname(fileURLToPath(import.meta.url)), '../../bin/credsweep.js');

/** A GitHub classic PAT with a valid checksum (fake: never issued). */
export const fakePat = () => checksummedToken();

export function git(cwd, ...args) {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'Dev', GIT_AUTHOR_EMAIL: 'dev@example.com', GIT_COMMITTER_NAME: 'Dev', GIT_COMMITTER_EMAIL: 'dev@example.com', GIT_AUTHOR_DATE: '2024-01-02T10:00:00Z', GIT_COMMITTER_DATE: '2024-01-02T10:00:00Z' },
  }).trim();
}

export function tmp(prefix = 'credsweep-gh-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A work tree with `main`; `commit(files, msg)` writes files and returns the new sha. */
export function workRepo(dir) {
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  return {
    dir,
    commit(files, msg = 'change') {
      for (const [p, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, p)), { recursive: true });
        writeFileSync(join(dir, p), text);
      }
      git(dir, 'add', '-A');
      git(dir, 'commit', '-q', '-m', msg);
      return git(dir, 'rev-parse', 'HEAD');
    },
  };
}

/** Runs the CLI; resolves { code, stdout, stderr }. */
export function runCli(args, env = {}, cwd = undefined) {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, cwd });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A catalogue of GitHub rules only: compiles in milliseconds, and the tests only plant GitHub tokens. */
export function miniRules() {
  const dir = tmp('credsweep-rules-');
  copyFileSync(join(dirname(CLI), '../detectors/github.yaml'), join(dir, 'github.yaml'));
  return dir;
}
