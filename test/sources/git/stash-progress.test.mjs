import t from 'tap';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Scanner } from '../../../dist/engine/scanner.js';
import { GitSource } from '../../../dist/sources/git/index.js';
import { scanSource } from '../../../dist/app/scan-source.js';
import { Progress } from '../../../dist/util/progress.js';
import { fakeToken, git } from './fixture.mjs';

const dir = mkdtempSync(join(tmpdir(), 'credsweep-git-stash-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const scanner = new Scanner({ threads: 0, fingerprintKey: Buffer.alloc(32, 7) });
t.teardown(() => scanner.close());

const repo = join(dir, 'repo');
mkdirSync(repo);
git(repo, ['init', '-q']);
writeFileSync(join(repo, 'app.cfg'), 'token = none\n');
git(repo, ['add', '-A'], 1);
git(repo, ['commit', '-q', '-m', 'one'], 1);
const stashed = fakeToken('stashed');
writeFileSync(join(repo, 'app.cfg'), `token = ${stashed}\n`);
git(repo, ['stash', '-q'], 2);

for (const backend of ['native', 'isomorphic']) {
  t.test(`stash entries only with includeStash, ${backend}`, async (t) => {
    const plain = await scanSource(new GitSource(repo, { backend, maxFileSize: 1 << 20 }), scanner);
    t.same(plain.findings, []);
    const withStash = await scanSource(new GitSource(repo, { backend, maxFileSize: 1 << 20, includeStash: true }), scanner);
    t.equal(withStash.findings.length, 1);
    const o = withStash.findings[0].origin;
    t.equal(o.path, 'app.cfg');
    t.same(o.refs, ['refs/stash']);
    t.equal(o.commits[0].commitDate, '2021-01-02T12:00:00.000Z');
    t.equal(o.live, false);
  });
}

t.test('progress line: commits and blobs, never the secret', async (t) => {
  let text = '';
  const sink = new Writable({
    write(chunk, _enc, cb) {
      text += chunk;
      cb();
    },
  });
  const progress = new Progress('git repo', sink, true);
  await scanSource(new GitSource(repo, { maxFileSize: 1 << 20, includeStash: true, progress }), scanner);
  progress.render(true);
  t.match(text, /git repo: \d+ of 2 blobs, 3 commits/);
  t.notOk(text.includes(stashed));
});
