// Generates a git repository whose history is made of real files from this machine and
// this project, committed over five years the way a product repository grows: its own
// code and tests, vendored Python packages, a vendored third-party library with its test
// data, a provider's documentation examples, then example configs. Nothing is planted
// beyond the fakes those files already hold, so the credentials reported are the noise
// a full-history scan of such a repository shows.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SITE = '/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages';
const skipBuild = (src) => !/(^|\/)(__pycache__|\.git)(\/|$)|\.(so|pyc)$/.test(src);

/** Each step: date, message, [source, destination] copies, destinations to delete. */
export function historySteps(repoRoot) {
  return [
    { date: '2021-02-01T10:00:00Z', message: 'app and its tests', copy: [[join(repoRoot, 'src'), 'app'], [join(repoRoot, 'test'), 'test'], [join(repoRoot, 'README.md'), 'README.md']] },
    { date: '2022-05-01T10:00:00Z', message: 'vendor python dependencies', copy: [['/usr/lib/python3/dist-packages', 'vendor/python']] },
    { date: '2023-08-01T10:00:00Z', message: 'third-party mocks and provider docs', copy: [[join(SITE, 'moto'), 'third_party/moto'], [join(SITE, 'awscli', 'examples'), 'docs/aws-examples']] },
    { date: '2024-10-01T10:00:00Z', message: 'fixtures move to testdata; drop vendored jwt', copy: [[join(repoRoot, 'corpus'), 'testdata']], remove: ['vendor/python/jwt', 'test'] },
    { date: '2025-06-01T10:00:00Z', message: 'example configuration', copy: [[join(repoRoot, 'corpus', 'demo'), 'examples/demo']] },
  ];
}

export function buildHistory(outDir, repoRoot) {
  const repo = join(outDir, 'precision-history');
  const marker = join(outDir, 'precision-history.done');
  if (existsSync(marker)) return repo;
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  const git = (args, env = {}) => execFileSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  git(['init', '-q', '-b', 'main']);
  for (const step of historySteps(repoRoot)) {
    for (const r of step.remove ?? []) rmSync(join(repo, r), { recursive: true, force: true });
    for (const [src, dest] of step.copy) if (existsSync(src)) cpSync(src, join(repo, dest), { recursive: true, filter: skipBuild, dereference: false });
    git(['add', '-A']);
    git(['commit', '-q', '-m', step.message], { GIT_AUTHOR_DATE: step.date, GIT_COMMITTER_DATE: step.date });
  }
  writeFileSync(marker, new Date().toISOString());
  return repo;
}

/** A bare clone of this project's own main branch (a secrets scanner: its fixtures are fakes). */
export function mirrorOwnRepo(outDir, repoRoot) {
  const dest = join(outDir, 'precision-own.git');
  rmSync(dest, { recursive: true, force: true });
  const common = execFileSync('git', ['-C', repoRoot, 'rev-parse', '--path-format=absolute', '--git-common-dir'], { encoding: 'utf8' }).trim();
  execFileSync('git', ['clone', '-q', '--bare', '--single-branch', '--branch', 'main', common, dest], { stdio: ['ignore', 'ignore', 'pipe'] });
  return dest;
}
