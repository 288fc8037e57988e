import t from 'tap';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApiServer } from './api-server.mjs';
import { tmp } from './fixtures.mjs';
import { makeClient } from '../../dist/github/client.js';
import { filterRepos, listRepos } from '../../dist/github/sweep/repos.js';
import { inShard, parseShard } from '../../dist/github/sweep/shard.js';

t.test('listing by org, user and repos file; filters; shards', async (t) => {
  const api = await startApiServer({ gitBase: 'http://git.invalid', perPage: 2 });
  t.teardown(api.close);
  api.addRepo('acme', 'a');
  api.addRepo('acme', 'b', { archived: true });
  api.addRepo('acme', 'c', { fork: true });
  api.addRepo('acme', 'd', { size: 0 });
  api.addRepo('acme', 'e', { size: 5 * 1024 * 1024 });
  api.addRepo('someone', 'dotfiles');
  const gh = makeClient({ token: 't', apiUrl: api.url, msPerSecond: 1, log: () => {} });
  const org = await listRepos(gh, { org: 'acme' });
  t.same(org.map((r) => r.fullName), ['acme/a', 'acme/b', 'acme/c', 'acme/d', 'acme/e']);
  t.equal(org[0].cloneUrl, 'http://git.invalid/acme/a.git');
  t.same((await listRepos(gh, { user: 'someone' })).map((r) => r.fullName), ['someone/dotfiles']);
  const file = join(tmp(), 'repos.txt');
  writeFileSync(file, '# ours\nacme/a\nsomeone/dotfiles  # theirs\n\n');
  t.same((await listRepos(gh, { reposFile: file })).map((r) => r.fullName), ['acme/a', 'someone/dotfiles']);
  writeFileSync(file, 'not a repo name\n');
  await t.rejects(listRepos(gh, { reposFile: file }), /'not a repo name' is not owner\/name/);

  const f = filterRepos(org, { includeArchived: false, includeForks: false, includeEmpty: false, maxRepoSize: 1024 ** 3 });
  t.same(f.keep.map((r) => r.fullName), ['acme/a']);
  t.same(f.skipped.map((s) => `${s.repo.fullName} ${s.reason}`), ['acme/b archived', 'acme/c fork', 'acme/d empty', 'acme/e too-large']);
  t.same(filterRepos(org, { includeArchived: true, includeForks: true, includeEmpty: true }).keep.length, 5);

  const names = Array.from({ length: 40 }, (_, i) => `acme/repo-${i}`);
  const parts = [1, 2, 3].map((i) => names.filter((n) => inShard(n, { index: i, count: 3 })));
  t.equal(parts.flat().length, 40, 'every repository in exactly one shard');
  t.ok(parts.every((p) => p.length > 5), 'shards are balanced enough');
  t.same(parseShard('2/3'), { index: 2, count: 3 });
  t.throws(() => parseShard('0/3'), /I\/N/);
  t.throws(() => parseShard('4/3'), /I\/N/);
});
