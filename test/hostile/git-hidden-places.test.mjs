// Issue 16 case 17, git part: commit and tag messages were not scanned, submodules were
// neither scanned nor mentioned, and the isomorphic backend dropped a whole tree because
// one file name held a backslash.
import t from 'tap';
import { join } from 'node:path';
import { hiddenPlacesRepo } from '../../corpus/hostile/git-hidden-places.mjs';
import { noSecretIn, scanJson, tempDir } from './helpers.mjs';

t.setTimeout(300_000);
const dir = tempDir(t, 'git-hidden');
const { repo, secrets, messageCommit, tagObject } = hiddenPlacesRepo(join(dir, 'repo'));

for (const backend of ['native', 'isomorphic']) {
  t.test(`messages, submodules and odd names (${backend})`, async (t) => {
    const r = await scanJson(['git', repo, '--git-backend', backend, '--threads', '0']);
    t.equal(r.code, 1);
    const byPath = Object.fromEntries(r.report.findings.map((f) => [f.origin.path, f.origin]));
    t.same(Object.keys(byPath).sort(), ['<commit message>', '<tag v1.0 message>', 'app.env', 'conf/prod.env']);
    const commit = byPath['<commit message>'];
    t.equal(commit.message, 'commit');
    t.equal(commit.blob, messageCommit, 'the origin names the commit');
    t.equal(commit.commits[0].commit, messageCommit);
    t.same(commit.refs, ['refs/heads/main', 'refs/tags/v1.0']);
    const tag = byPath['<tag v1.0 message>'];
    t.equal(tag.message, 'tag');
    t.equal(tag.blob, tagObject, 'the origin names the tag object');
    t.equal(tag.commits[0].commit, messageCommit, 'and the commit it tags');
    t.same(r.report.skipped.map((s) => [s.path, s.reason]), [['vendor/lib (submodule at abababababab)', 'submodule: its history is another repository; scan it on its own']]);
    t.same(r.report.errors, []);
    noSecretIn(t, r.stdout + r.stderr, Object.values(secrets));
  });
}
