// corpus/credential-stores: one real-looking file per credential-store format. Every
// credential is found with its format named, weak ones too; decoys are not.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Scanner } from '../../dist/engine/scanner.js';
import { DirSource } from '../../dist/sources/dir/index.js';
import { scanSource } from '../../dist/app/scan-source.js';
import { FILE_FORMATS, formatOfPath } from '../../dist/detectors/file-formats.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'corpus', 'credential-stores');
const expected = JSON.parse(readFileSync(join(root, 'expected.json'), 'utf8'));

t.test('every credential of every format is found, with the format named', async (t) => {
  const scanner = new Scanner({ fingerprintKey: Buffer.alloc(32), threads: 0 });
  const r = await scanSource(new DirSource(root, { maxFileSize: 1 << 20 }), scanner);
  await scanner.close();
  const got = r.findings.filter((f) => f.origin.path !== 'expected.json');
  for (const e of expected.findings) {
    t.ok(got.some((f) => f.origin.path === e.file && f.line === e.line && f.fileFormat === e.fileFormat), `${e.file}:${e.line} (${e.fileFormat})`);
  }
  for (const d of expected.decoys) t.notOk(got.some((f) => f.origin.path === d.file && f.line === d.line), `decoy ${d.file}:${d.line}`);
  t.equal(got.length, expected.findings.length, 'nothing else');
  for (const f of got) t.equal(f.fileFormat, formatOfPath(f.origin.path).id, `${f.origin.path}: format on the finding`);
  const covered = new Set(got.map((f) => f.fileFormat));
  t.same(FILE_FORMATS.map((f) => f.id).filter((id) => !covered.has(id)), [], 'the corpus covers every format');
  t.notOk(JSON.stringify(got).includes('mailer123'), 'never a secret in findings');
});
