// Issue 16 case 17, image part: link, device and FIFO entries were not listed as skipped,
// and a zstd layer opened by a skippable frame was called corrupt.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { oddEntriesImage } from '../../corpus/hostile/image-odd-entries.mjs';
import { noSecretIn, scanJson, tempDir } from './helpers.mjs';

let zstd = true;
try {
  execFileSync('zstd', ['--version'], { stdio: 'ignore' });
} catch {
  zstd = false;
}

t.test('links, devices, FIFOs and a skippable zstd frame', { skip: !zstd && 'needs the zstd binary' }, async (t) => {
  const { path, secrets } = await oddEntriesImage(join(tempDir(t, 'odd'), 'odd.tar'));
  const r = await scanJson(['image', path, '--threads', '0']);
  t.equal(r.code, 1, 'nothing unreadable: exit 1');
  t.same(r.report.errors, []);
  t.same(r.report.findings.map((f) => `${f.origin.layer.index}:${f.origin.path}`).sort(), ['0:etc/app.env', '1:opt/creds']);
  const reasons = r.report.skipped.filter((s) => /layer 0/.test(s.path)).map((s) => s.reason).sort();
  t.same(reasons, [
    'character-device (1 entry): recorded, never followed or read',
    'fifo (1 entry): recorded, never followed or read',
    'hardlink (1 entry): recorded, never followed or read',
    'symlink (2 entries): recorded, never followed or read',
  ]);
  noSecretIn(t, r.stdout + r.stderr, Object.values(secrets));
});
