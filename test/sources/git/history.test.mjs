import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Scanner } from '../../../dist/engine/scanner.js';
import { GitSource } from '../../../dist/sources/git/index.js';
import { scanSource } from '../../../dist/app/scan-source.js';
import { buildHistoryRepo, DAY, git, T } from './fixture.mjs';

const dir = mkdtempSync(join(tmpdir(), 'credsweep-git-history-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const { repo, c } = buildHistoryRepo(join(dir, 'repo'));
const bare = join(dir, 'bare.git');
git(dir, ['clone', '-q', '--bare', repo, bare]);

const scanner = new Scanner({ threads: 0, fingerprintKey: Buffer.alloc(32, 7) });
t.teardown(() => scanner.close());

async function scan(path, backend, extra = {}) {
  const source = new GitSource(path, { backend, maxFileSize: 1 << 20, repoName: 'repo', ...extra });
  const result = await scanSource(source, scanner);
  return { result, source };
}

/** The finding whose preview ends like the token's last two characters and whose blob holds it. */
function byToken(findings, token) {
  const hits = findings.filter((f) => f.preview.startsWith(token.slice(0, 4)) && f.preview.includes(`…${token.slice(-2)} `));
  return hits;
}

const intro = (commit, day, path) => ({
  commit,
  authorName: 'Alice Example',
  authorEmail: 'alice@example.test',
  authorDate: DAY(day),
  commitDate: DAY(day),
  path,
});

const results = {};
for (const backend of ['native', 'isomorphic']) {
  t.test(`full history, ${backend}`, async (t) => {
    const { result, source } = await scan(repo, backend);
    results[backend] = result;
    const f = result.findings;
    t.equal(f.length, 8, 'one finding per unique secret blob');
    t.same(result.errors, []);
    t.equal(source.stats.commits, 12);
    t.equal(source.stats.backend, backend);

    const [from] = byToken(f, T.modifiedFrom);
    t.same(from.origin.commits, [intro(c.c1, 1, 'config/app.env')], 'modified-away secret: first commit c1');
    t.equal(from.origin.live, false, 'modified away: history only');
    t.equal(from.line, 1);
    t.equal(from.column, 14);

    const [to] = byToken(f, T.modifiedTo);
    t.same(to.origin.commits, [intro(c.c2, 2, 'config/app.env'), intro(c.c3, 3, 'settings/app.env')], 'moved blob: first c2, move in c3');
    t.equal(to.origin.commitCount, 2);
    t.equal(to.origin.path, 'config/app.env');
    t.equal(to.origin.live, true);

    const [re] = byToken(f, T.readded);
    t.same(re.origin.commits, [intro(c.c4, 4, 'keys/a.txt'), intro(c.c6, 6, 'keys/a.txt')], 'deleted and re-added: first c4, again c6');
    t.equal(re.origin.live, true);

    const [side] = byToken(f, T.side);
    t.same(side.origin.commits, [intro(c.s1, 7, 'side.txt')], 'side-branch secret: s1 only (the merge brings it, not introduces it)');
    t.same(side.origin.refs, ['refs/heads/feature', 'refs/heads/main', 'refs/heads/side', 'refs/tags/v1']);

    const [merge] = byToken(f, T.merge);
    t.same(merge.origin.commits, [intro(c.m, 10, 'conflict.txt')], 'secret only in a merge resolution: the merge commit');
    t.equal(merge.origin.live, true);

    const dups = byToken(f, T.dup);
    t.equal(dups.length, 1, 'identical blob on five paths scanned once');
    t.equal(dups[0].origin.commitCount, 5);
    t.same(
      dups[0].origin.commits.map((x) => x.path),
      ['dup/1.txt', 'dup/2.txt', 'dup/3.txt', 'dup/4.txt', 'dup/5.txt'],
    );
    t.ok(dups[0].origin.commits.every((x) => x.commit === c.c8));

    const [tagged] = byToken(f, T.tagOnly);
    t.same(tagged.origin.commits, [intro(c.x1, 12, 'tagged.txt')]);
    t.same(tagged.origin.refs, ['refs/tags/release-x'], 'reachable from the tag only');
    t.equal(tagged.origin.live, false);

    const [feat] = byToken(f, T.feature);
    t.same(feat.origin.refs, ['refs/heads/feature']);
    t.equal(feat.origin.live, false, 'not on the default branch');
  });

  t.test(`bare repository gives the same findings, ${backend}`, async (t) => {
    const { result } = await scan(bare, backend);
    t.same(result.findings, (await scan(repo, backend)).result.findings);
  });

  t.test(`--exclude drops introductions at matching paths, ${backend}`, async (t) => {
    const { result, source } = await scan(repo, backend, { exclude: ['dup/', 'settings/app.env'] });
    t.equal(byToken(result.findings, T.dup).length, 0);
    const [to] = byToken(result.findings, T.modifiedTo);
    t.same(to.origin.commits.map((x) => x.path), ['config/app.env'], 'the excluded path is not listed');
    t.equal(result.findings.length, 7);
    t.equal(source.stats.commits, 12);
  });

  t.test(`--branch limits to one ref, ${backend}`, async (t) => {
    const { result } = await scan(repo, backend, { branch: 'side' });
    t.same(byToken(result.findings, T.side)[0].origin.refs, ['side']);
    t.equal(result.findings.length, 4, 'c1..c6 and s1 secrets only');
    t.equal(byToken(result.findings, T.merge).length, 0);
  });
}

t.test('both backends give identical findings', async (t) => {
  t.ok(results.native && results.isomorphic);
  t.same(results.isomorphic.findings, results.native.findings);
  t.same(results.isomorphic.skipped, results.native.skipped);
});
