import t from 'tap';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DirSource } from '../../../dist/sources/dir/index.js';
import { tempDir } from '../../helpers/cli.mjs';

async function collect(src) {
  const out = [];
  for await (const c of src.chunks()) out.push(c.origin.path);
  return out;
}

t.test('excludes, size limit, binary files and symlinks out of the root', async (t) => {
  const outside = tempDir();
  writeFileSync(join(outside, 'secret.txt'), 'outside');
  const root = tempDir();
  mkdirSync(join(root, 'src/vendor'), { recursive: true });
  mkdirSync(join(root, 'build'), { recursive: true });
  writeFileSync(join(root, 'src/app.js'), 'ok');
  writeFileSync(join(root, 'src/vendor/lib.js'), 'vendored');
  writeFileSync(join(root, 'build/out.js'), 'built');
  writeFileSync(join(root, 'notes.log'), 'log');
  writeFileSync(join(root, 'big.txt'), 'x'.repeat(2048));
  writeFileSync(join(root, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));
  symlinkSync(outside, join(root, 'escape'));
  symlinkSync(join(root, 'src/app.js'), join(root, 'inside-link.js'));
  const src = new DirSource(root, { exclude: ['vendor/', '/build', '*.log'], maxFileSize: 1024 });
  const paths = await collect(src);
  t.same(paths.sort(), ['inside-link.js', 'src/app.js']);
  const reasons = Object.fromEntries(src.skipped.map((s) => [s.path, s.reason]));
  t.same(reasons, {
    'big.txt': 'too-large',
    build: 'excluded',
    escape: 'symlink-outside-root',
    'image.png': 'binary',
    'notes.log': 'excluded',
    'src/vendor': 'excluded',
  });
  t.equal(src.skipped.find((s) => s.path === 'big.txt').size, 2048);
});

t.test('negated excludes re-include a path', async (t) => {
  const root = tempDir();
  writeFileSync(join(root, 'a.env'), '1');
  writeFileSync(join(root, 'keep.env'), '2');
  const paths = await collect(new DirSource(root, { exclude: ['*.env', '!keep.env'], maxFileSize: 1e6 }));
  t.same(paths, ['keep.env']);
});

t.test('a missing folder is a clear error', async (t) => {
  await t.rejects(collect(new DirSource('/nonexistent/credsweep', { maxFileSize: 1 })), /cannot scan folder '\/nonexistent\/credsweep'/);
});

t.test('a single file is scanned as itself', async (t) => {
  const root = tempDir();
  writeFileSync(join(root, 'one.env'), 'A=1');
  t.same(await collect(new DirSource(join(root, 'one.env'), { maxFileSize: 1e6 })), ['one.env']);
});
