// Issue 16 case 13 / issue 15 part 4: zstd layers decode streaming and bounded by
// --max-decompressed, with every decoder this machine has. The hostile image comes from
// corpus/hostile/zstd-bomb.mjs; peak memory is measured in a child process of its own.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import { rleBomb, windowBomb, zstdBombImage, zstdStored } from '../../../corpus/hostile/zstd-bomb.mjs';
import { decompressed, sniff } from '../../../dist/sources/image/decompress.js';
import { ZstdSlicer } from '../../../dist/sources/image/zstd-frames.js';
import { checksummedToken } from '../../helpers/tokens.mjs';
import { runCli } from '../../helpers/cli.mjs';
import { hasZstd, compress } from './fixtures.mjs';

const work = mkdtempSync(join(tmpdir(), 'credsweep-zstd-bomb-'));
t.teardown(() => rmSync(work, { recursive: true, force: true }));
const decoders = ['fzstd', ...(hasZstd() ? ['zstd-cli'] : []), ...(typeof zlib.createZstdDecompress === 'function' ? ['zlib'] : [])];
const tokens = [checksummedToken(), checksummedToken()];
const image = join(work, 'zstd-bomb.tar');
writeFileSync(image, await zstdBombImage(tokens));

async function* pieces(buf, size = 65536) {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}
async function drain(it) {
  const out = [];
  for await (const c of it) out.push(c);
  return Buffer.concat(out);
}

t.test('every decoder gives the same bytes, streamed, from stored and (with the zstd program) real frames', async (t) => {
  const data = Buffer.from('line of text with a token-like thing abc123\n'.repeat(20000));
  const frames = [zstdStored(data), ...(hasZstd() ? [compress(data, 'zstd')] : [])];
  // A leading skippable frame (magic 0x184D2A50, length 3) is still zstd.
  frames.push(Buffer.concat([Buffer.from([0x50, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 1, 2, 3]), zstdStored(data)]));
  for (const frame of frames) {
    t.equal(sniff(frame), 'zstd');
    for (const zstd of decoders) t.ok((await drain(decompressed(pieces(frame, 1000), 1e9, { zstd }))).equals(data), `${zstd}: ${frame.length} bytes`);
  }
});

t.test('truncated and corrupt zstd fail with an error, whatever the decoder', async (t) => {
  const frame = zstdStored(Buffer.alloc(300000, 0x61));
  for (const zstd of decoders) {
    await t.rejects(drain(decompressed(pieces(frame.subarray(0, 200000)), 1e9, { zstd })), undefined, `${zstd}: truncated`);
    const corrupt = Buffer.concat([frame.subarray(0, 6), Buffer.from([0xff, 0xff, 0xff]), frame.subarray(9)]);
    await t.rejects(drain(decompressed(pieces(corrupt), 1e9, { zstd })), undefined, `${zstd}: reserved block type`);
  }
});

t.test('the slicer hands fzstd block-aligned slices of bounded decoded size', async (t) => {
  const slicer = new ZstdSlicer(1 << 20);
  const bomb = rleBomb(8);
  let slices = 0;
  let largest = 0;
  for await (const piece of pieces(bomb, 777)) {
    for (const s of slicer.push(piece)) {
      // The first slice holds the frame header and the stored tar header.
      if (slices++ > 0) largest = Math.max(largest, s.length);
    }
  }
  // Each RLE block is 4 input bytes for 128 KB out: a 1 MB budget is 8 blocks, 32 bytes.
  t.equal(largest, 32);
  t.ok(slicer.complete);
  t.ok(slices > 200);
});

for (const zstd of decoders) {
  t.test(`${zstd}: a bomb stops at the cap, a huge window is refused, the other layers' secrets are found, memory stays small`, async (t) => {
    // A child of its own, so its peak RSS is this scan's alone.
    const script = `
      const { ImageSource } = await import(${JSON.stringify(new URL('../../../dist/sources/image/index.js', import.meta.url).href)});
      const { Scanner } = await import(${JSON.stringify(new URL('../../../dist/engine/scanner.js', import.meta.url).href)});
      const { scanSource } = await import(${JSON.stringify(new URL('../../../dist/app/scan-source.js', import.meta.url).href)});
      const scanner = new Scanner({ threads: 0, fingerprintKey: Buffer.from('k') });
      const r = await scanSource(new ImageSource(process.argv[1], { maxFileSize: 10 << 20, maxDecompressed: 64 << 20, zstdDecoder: process.argv[2] }), scanner);
      await scanner.close();
      const findings = r.findings.filter((f) => f.origin.kind === 'image').map((f) => [f.ruleId, f.origin.layer.index, f.origin.path]);
      console.log(JSON.stringify({ errors: r.errors, findings, maxRssMB: process.resourceUsage().maxRSS / 1024 }));`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script, image, zstd], { encoding: 'utf8', maxBuffer: 1 << 24 });
    t.equal(child.status, 0, child.stderr);
    const r = JSON.parse(child.stdout);
    t.same(r.findings.sort(), [['github-pat-classic', 0, 'app/.env'], ['github-pat-classic', 2, 'srv/creds']]);
    t.equal(r.errors.length, 2, JSON.stringify(r.errors));
    t.match(r.errors[0].where, /hostile\/zstd-bomb:1 layer 1 \(sha256:/);
    t.match(r.errors[0].message, /window.*refused/);
    t.match(r.errors[1].where, /hostile\/zstd-bomb:1 layer 3 \(sha256:/);
    t.match(r.errors[1].message, /passed the cap of 6710\d{4} bytes/);
    // Before: a 100 KB bomb reached 2-3 GB RSS through fzstd, whatever the cap.
    t.ok(r.maxRssMB < 400, `peak RSS ${r.maxRssMB.toFixed(0)} MB`);
  });
}

t.test('through the CLI: exit 3, both layers named, both secrets reported, never printed', async (t) => {
  const r = runCli(['scan', 'image', image, '--max-decompressed', '64MB', '-f', 'json', '--threads', '0', '--no-progress']);
  t.equal(r.code, 3, r.stderr);
  const doc = JSON.parse(r.stdout);
  t.same(doc.errors.map((e) => e.where.replace(/ \(sha256:.*/, '')).sort(), ['hostile/zstd-bomb:1 layer 1', 'hostile/zstd-bomb:1 layer 3']);
  t.equal(doc.findings.filter((f) => f.origin.kind === 'image').length, 2);
  for (const tok of tokens) t.notOk(r.stdout.includes(tok) || r.stderr.includes(tok), 'secret not printed');
});

t.test('the window bomb alone is refused before any output, with every decoder', async (t) => {
  for (const zstd of decoders) {
    let out = 0;
    const err = await (async () => {
      try {
        for await (const c of decompressed(pieces(windowBomb()), 1e12, { zstd })) out += c.length;
      } catch (e) {
        return e;
      }
    })();
    t.match(err?.message, /window/, zstd);
    t.equal(out, 0, `${zstd}: nothing decoded`);
  }
});
