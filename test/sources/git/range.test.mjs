import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Scanner } from '../../../dist/engine/scanner.js';
import { GitSource } from '../../../dist/sources/git/index.js';
import { scanSource } from '../../../dist/app/scan-source.js';
import { buildHistoryRepo, T } from './fixture.mjs';

const dir = mkdtempSync(join(tmpdir(), 'credsweep-git-range-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const { repo, c } = buildHistoryRepo(join(dir, 'repo'));
const scanner = new Scanner({ threads: 0, fingerprintKey: Buffer.alloc(32, 7) });
t.teardown(() => scanner.close());

const names = Object.fromEntries(Object.entries(T).map(([k, v]) => [`${v.slice(0, 4)}…${v.slice(-2)}`, k]));
const tokens = (findings) => findings.map((f) => names[f.preview.split(' ')[0]]).sort();

async function scan(backend, sel) {
  const source = new GitSource(repo, { backend, maxFileSize: 1 << 20, ...sel });
  const result = await scanSource(source, scanner);
  return { result, source };
}

const ZERO = '0'.repeat(40);
for (const backend of ['native', 'isomorphic']) {
  t.test(`ranges, ${backend}`, async (t) => {
    let r = await scan(backend, { range: `${c.c6}..main` });
    t.same(tokens(r.result.findings), ['dup', 'merge', 'side'], 'push of c7..c8 onto c6: only what it adds');
    t.equal(r.source.stats.commits, 4, 's1, c7, the merge, c8');

    r = await scan(backend, { range: `${c.c8}..feature` });
    t.same(tokens(r.result.findings), ['feature'], 'one-commit push');
    t.same(r.result.findings[0].origin.refs, ['feature']);

    r = await scan(backend, { range: `${ZERO}..feature` });
    t.same(tokens(r.result.findings), ['feature'], 'new branch: commits not on the default branch');

    r = await scan(backend, { range: `${'de'.repeat(20)}..feature` });
    t.same(tokens(r.result.findings), ['feature'], 'force push whose old tip is gone: commits not on the default branch');

    r = await scan(backend, { range: `${c.s1}..${c.m}` });
    t.same(tokens(r.result.findings), ['merge'], 'merge of an already-scanned branch: only the resolution');

    r = await scan(backend, { sinceCommit: c.c6 });
    t.same(tokens(r.result.findings), ['dup', 'feature', 'merge', 'side', 'tagOnly']);

    r = await scan(backend, { since: '2021-01-09' });
    t.same(tokens(r.result.findings), ['dup', 'feature', 'merge', 'tagOnly'], '--since: commits from Jan 9 on');
    t.same(r.result.findings.find((f) => names[f.preview.split(' ')[0]] === 'merge').origin.commits[0].commit, c.m);

    await t.rejects(scan(backend, { range: `${c.f1}..feature` }), /no commits to scan/, 'empty range fails loudly on the CLI path');
    await t.rejects(scan(backend, { range: 'nope' }), /BASE\.\.HEAD/);
    await t.rejects(scan(backend, { branch: 'no-such-branch' }), /cannot resolve 'no-such-branch'/);
  });
}

t.test('a range as the GitHub Action scans it (allowEmpty)', async (t) => {
  const rangeScan = async (range) => {
    const source = new GitSource(repo, { maxFileSize: 10 << 20, allowEmpty: true, repoName: repo, range });
    return { ...(await scanSource(source, scanner)), git: source.stats };
  };
  const r = await rangeScan(`${c.c8}..${c.f1}`);
  t.same(tokens(r.findings), ['feature']);
  t.equal(r.git.commits, 1);
  const empty = await rangeScan(`${c.f1}..${c.f1}`);
  t.same(empty.findings, [], 'an empty push is not an error here');
  t.same(empty.errors, []);
});

t.test('new branch in a CI clone: compared with origin/HEAD, not the checked-out commit', async (t) => {
  const { execFileSync } = await import('node:child_process');
  const ci = join(dir, 'ci');
  execFileSync('git', ['clone', '-q', '--no-checkout', repo, ci]);
  execFileSync('git', ['-C', ci, 'checkout', '-q', '--detach', 'origin/feature']);
  for (const backend of ['native', 'isomorphic']) {
    const r = await scanSource(new GitSource(ci, { backend, maxFileSize: 1 << 20, range: `${ZERO}..HEAD` }), scanner);
    t.same(tokens(r.findings), ['feature'], backend);
    const explicit = await scanSource(new GitSource(ci, { backend, maxFileSize: 1 << 20, range: `${ZERO}..HEAD`, defaultBranch: 'origin/side' }), scanner);
    t.same(tokens(explicit.findings), ['dup', 'feature', 'merge'], `${backend}: --default-branch`);
  }
});
