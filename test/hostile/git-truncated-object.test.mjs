// Issue 16 case 6: one truncated loose object must not lose the scan (was: `write EPIPE`, exit 2).
import t from 'tap';
import { join } from 'node:path';
import { truncatedObjectRepo } from '../../corpus/hostile/git-truncated-object.mjs';
import { noSecretIn, scanJson, tempDir } from './helpers.mjs';

t.setTimeout(300_000);
const dir = tempDir(t, 'git-trunc');
const { repo, secret, badBlob, badPath } = truncatedObjectRepo(join(dir, 'repo'));

for (const backend of ['native', 'isomorphic']) {
  t.test(`the object is named, the rest is scanned (${backend})`, async (t) => {
    const r = await scanJson(['git', repo, '--git-backend', backend, '--threads', '1']);
    t.equal(r.code, 3, 'partial scan: exit 3');
    t.ok(r.report, 'a report was written');
    t.same(r.report.findings.map((f) => f.origin.path), ['secret.env'], 'the real secret is found');
    t.equal(r.report.errors.length, 1);
    t.equal(r.report.errors[0].where, `blob ${badBlob}`);
    t.match(r.report.errors[0].message, badPath);
    noSecretIn(t, r.stdout + r.stderr, [secret]);
  });
}
