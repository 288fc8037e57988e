// Issue 16 case 7: a broken image archive loses only its broken part. Was: truncation gave
// `Unexpected end of data` (exit 2), a bad config dropped the intact layer, a `null`
// manifest entry gave a TypeError.
import t from 'tap';
import { brokenImages } from '../../corpus/hostile/image-broken.mjs';
import { noSecretIn, scanJson, tempDir } from './helpers.mjs';

t.setTimeout(300_000);
const dir = tempDir(t, 'image');
const { files, secret } = await brokenImages(dir);

const expectations = {
  'truncated.tar.gz': [/truncated\.tar\.gz$/, /truncated or corrupt after \d+ entries/],
  'truncated.tar': [/truncated\.tar$/, /truncated or corrupt after \d+ entries/],
  'truncated-tail.tar.gz': [/truncated-tail\.tar\.gz$/, /no manifest\.json or index\.json before the damage/],
  'bad-config.tar': [/^manifest\.json image hostile\/broken:1$/, /image config blobs\/sha256\/[0-9a-f]+ is not valid JSON: .*its layers were/],
  'null-entry.tar': [/^manifest\.json entry 0$/, /the entry is null, not an image; skipped/],
  'null-oci.tar': [/^index\.json manifests\[0\]$/, /the entry is null, not a descriptor/],
  'bad-header.tar': [/^hostile\/broken:1 layer 1 \(sha256:/, /corrupt or truncated layer: Invalid tar header/],
};

for (const [name, [where, message]] of Object.entries(expectations)) {
  t.test(name, async (t) => {
    const r = await scanJson(['image', files[name], '--threads', '0']);
    t.equal(r.code, 3, 'partial scan: exit 3');
    t.ok(r.report, 'a report was written');
    t.same(r.report.findings.map((f) => f.origin.path), ['app/.env'], 'the intact layer is scanned');
    t.ok(r.report.errors.some((e) => where.test(e.where) && message.test(e.message)), 'the broken part is named');
    t.notOk(r.report.errors.some((e) => /TypeError|Cannot read properties/.test(e.message)), 'no programming error leaks');
    noSecretIn(t, r.stdout + r.stderr, [secret]);
  });
}
