import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { unzstd, type ZstdDecoder } from './zstd.js';

export type Compression = 'gzip' | 'zstd' | 'none';

/** Thrown when decompressed output passes its cap (gzip bombs, oversized layers). */
export class CapError extends Error {
  constructor(readonly cap: number) {
    super(`decompressed size passed the cap of ${cap} bytes (--max-decompressed); stopped reading`);
  }
}

const GZIP = [0x1f, 0x8b];
const ZSTD = [0x28, 0xb5, 0x2f, 0xfd];

/**
 * Media types lie (and docker-archive layers carry none); the first bytes do not. A zstd
 * stream may open with a skippable frame (magic 0x184D2A50..5F, little-endian), which the
 * decoder steps over; a tar never starts that way (its first bytes are a file name).
 */
export function sniff(head: Uint8Array): Compression {
  if (head.length >= 2 && head[0] === GZIP[0] && head[1] === GZIP[1]) return 'gzip';
  if (head.length >= 4 && ZSTD.every((b, i) => head[i] === b)) return 'zstd';
  // A zstd stream may open with a skippable frame (magic 0x184D2A5?, little-endian).
  if (head.length >= 4 && (head[0] & 0xf0) === 0x50 && head[1] === 0x2a && head[2] === 0x4d && head[3] === 0x18) return 'zstd';
  return 'none';
}

export interface DecompressOptions {
  /** Who decodes zstd; default: the fastest present (see `bestZstdDecoder`). */
  zstd?: ZstdDecoder;
}

/**
 * The decompressed bytes of `src`, whatever its compression, streamed: output is decoded as
 * it is read, and reading stops with a CapError as soon as more than `cap` bytes came out,
 * so a bomb costs at most the cap plus one decoder buffer.
 */
export async function* decompressed(src: AsyncIterable<Uint8Array>, cap: number, opts: DecompressOptions = {}): AsyncGenerator<Buffer> {
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
  const inner = kind === 'gzip' ? gunzip(input()) : kind === 'zstd' ? unzstd(input(), opts.zstd) : input();
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
