// Scanning an input in overlapping pieces finds what scanning it whole finds: same rules,
// lines and columns, each finding once. Property-based over random text (multi-byte
// characters, long and short lines) with fake tokens planted anywhere, cut at random sizes.
import t from 'tap';
import fc from 'fast-check';
import { Scanner } from '../../dist/engine/scanner.js';
import { Pieces } from '../../dist/sources/pieces.js';
import { fakeToken } from '../../corpus/hostile/lib.mjs';

const scanner = new Scanner({ threads: 0, fingerprintKey: Buffer.alloc(32, 5) });
t.teardown(() => scanner.close());

const TOKENS = [0, 1, 2, 3].map((i) => fakeToken(`pieces-${i}`));
const filler = fc.oneof(
  fc.constantFrom('\n', ' ', 'abc ', 'é', '日本', '😀', '\r\n', 'x'.repeat(50), '\n\n'),
  fc.string({ maxLength: 20 }).map((s) => s.replace(/[^\x20-\x7e\n]/g, ' ')),
);
const text = fc.array(fc.oneof({ weight: 6, arbitrary: filler }, { weight: 1, arbitrary: fc.constantFrom(...TOKENS).map((tok) => ` token=${tok} `) }), { minLength: 10, maxLength: 400, size: 'max' });

const key = (f) => `${f.ruleId}|${f.fingerprint}|${f.line}:${f.column}-${f.endLine}:${f.endColumn}`;

t.test('pieces give the findings of the whole', async (t) => {
  await fc.assert(
    fc.asyncProperty(text, fc.integer({ min: 201, max: 3000 }), fc.integer({ min: 0, max: 5 }), async (parts, size, lead) => {
      const data = Buffer.from('\n'.repeat(lead) + parts.join(''));
      const origin = { kind: 'file', path: 'p.txt' };
      const whole = (await scanner.scanAll([{ data, origin }])).map(key).sort();
      // The overlap (100 bytes) holds one planted token line; real pieces overlap 64 KB.
      const pieces = new Pieces(size, 100);
      const own = { ...origin };
      const chunks = [...pieces.split({ data, origin: own })];
      const found = pieces.finish(await scanner.scanAll(chunks));
      if (!found.every((f) => f.origin === own)) return false;
      return JSON.stringify(found.map(key).sort()) === JSON.stringify(whole);
    }),
    { numRuns: 150, seed: 1616 },
  );
});

t.test('a file read piece by piece gives the same pieces as the buffer', async (t) => {
  const { openSync, closeSync, writeFileSync, mkdtempSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'credsweep-pieces-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 0, maxLength: 5000, size: 'max' }), fc.integer({ min: 210, max: 1200 }), (bytes, size) => {
      const p = join(dir, 'f');
      writeFileSync(p, bytes);
      const fd = openSync(p, 'r');
      try {
        const a = [...new Pieces(size, 100).readFile(fd, { origin: { kind: 'file', path: 'f' } }, 1 << 20)];
        const b = [...new Pieces(size, 100).split({ data: Buffer.from(bytes), origin: { kind: 'file', path: 'f' } })];
        if (bytes.length <= size) return a.length === 1 && b.length === 1 && a[0].data.equals(b[0].data);
        return a.length === b.length && a.every((c, i) => c.data.equals(b[i].data) && c.lineOffset === b[i].lineOffset);
      } finally {
        closeSync(fd);
      }
    }),
    { numRuns: 200, seed: 1617 },
  );
});
