import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress as ZstdDecompress } from 'fzstd';

export type Compression = 'gzip' | 'zstd' | 'none';

/** Thrown when decompressed output passes its cap (gzip bombs, oversized layers). */
export class CapError extends Error {
  constructor(readonly cap: number) {
    super(`decompressed size passed the cap of ${cap} bytes (--max-decompressed); stopped reading`);
  }
}

const GZIP = [0x1f, 0x8b];
const ZSTD = [0x28, 0xb5, 0x2f, 0xfd];

/** Media types lie (and docker-archive layers carry none); the first bytes do not. */
export function sniff(head: Uint8Array): Compression {
  if (head.length >= 2 && head[0] === GZIP[0] && head[1] === GZIP[1]) return 'gzip';
  if (head.length >= 4 && ZSTD.every((b, i) => head[i] === b)) return 'zstd';
  return 'none';
}

/**
 * The decompressed bytes of `src`, whatever its compression, stopping with a CapError as
 * soon as more than `cap` bytes come out. `onBytes` counts input bytes, for progress.
 */
export async function* decompressed(src: AsyncIterable<Uint8Array>, cap: number): AsyncGenerator<Buffer> {
  const it = src[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headLen = 0;
  let ended = false;
  while (headLen < 4) {
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    const b = Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
    head.push(b);
    headLen += b.length;
  }
  const kind = sniff(Buffer.concat(head));
  async function* input(): AsyncGenerator<Buffer> {
    yield* head;
    if (ended) return;
    for (let r = await it.next(); !r.done; r = await it.next()) yield Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
  }
  let out = 0;
  const inner = kind === 'gzip' ? gunzip(input()) : kind === 'zstd' ? unzstd(input()) : input();
  try {
    for await (const c of inner) {
      out += c.length;
      if (out > cap) throw new CapError(cap);
      yield c;
    }
  } finally {
    await inner.return?.(undefined);
    await it.return?.(undefined);
  }
}

async function* gunzip(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const gz = createGunzip({ chunkSize: 256 * 1024 });
  const src = Readable.from(input, { objectMode: false });
  pipeline(src, gz, () => {});
  try {
    for await (const c of gz) yield c as Buffer;
  } finally {
    gz.destroy();
    src.destroy();
  }
}

async function* unzstd(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let out: Buffer[] = [];
  const d = new ZstdDecompress((data) => {
    out.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  });
  for await (const c of input) {
    d.push(c);
    if (out.length) {
      const ready = out;
      out = [];
      yield* ready;
    }
  }
  // fzstd throws on a truncated last frame only when told the input ended.
  d.push(new Uint8Array(0), true);
  yield* out;
}
