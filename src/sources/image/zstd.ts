import { spawn, spawnSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import { Decompress as FzstdDecompress } from 'fzstd';
import { MAX_WINDOW, ZstdSlicer, ZstdWindowError } from './zstd-frames.js';


/**
 * Who decodes zstd layers, fastest first:
 * - `zlib`: Node's own (Node 22.15+ and 24 have `zlib.createZstdDecompress`), libzstd in-process;
 * - `zstd-cli`: the `zstd` program on PATH, as a child process reading stdin;
 * - `fzstd`: pure JavaScript, several times slower, fed a few blocks at a time so its output stays bounded.
 * Each streams: output is pulled as the consumer reads, so a cap stops a bomb at the cap.
 */
export type ZstdDecoder = 'zlib' | 'zstd-cli' | 'fzstd';

type ZlibWithZstd = typeof zlib & {
  createZstdDecompress?: (opts?: { chunkSize?: number; params?: Record<number, number> }) => NodeJS.ReadWriteStream;
  constants: typeof zlib.constants & { ZSTD_d_windowLogMax?: number };
};

let detected: ZstdDecoder | undefined;

/** The best decoder this process has: Node's zlib, else the zstd program, else fzstd. */
export function bestZstdDecoder(): ZstdDecoder {
  if (detected) return detected;
  if (typeof (zlib as ZlibWithZstd).createZstdDecompress === 'function') return (detected = 'zlib');
  const probe = spawnSync('zstd', ['--version'], { stdio: 'ignore', timeout: 10_000 });
  return (detected = probe.status === 0 ? 'zstd-cli' : 'fzstd');
}

export function unzstd(input: AsyncIterable<Buffer>, decoder: ZstdDecoder = bestZstdDecoder()): AsyncGenerator<Buffer> {
  if (decoder === 'zlib') return viaZlib(input);
  if (decoder === 'zstd-cli') return viaCli(input);
  return viaFzstd(input);
}

/** libzstd's message for a window over its limit, in our words. */
function windowError(e: Error): Error {
  return /window|too much memory/i.test(e.message) ? new ZstdWindowError() : e;
}

async function* viaZlib(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const z = zlib as ZlibWithZstd;
  const windowLogMax = z.constants.ZSTD_d_windowLogMax;
  const d = z.createZstdDecompress!({ chunkSize: 256 * 1024, ...(windowLogMax !== undefined ? { params: { [windowLogMax]: 27 } } : {}) });
  const src = Readable.from(input, { objectMode: false });
  const piped = pipeline(src, d as unknown as NodeJS.WritableStream).catch(() => {});
  try {
    for await (const c of d as unknown as AsyncIterable<Buffer>) yield c;
  } catch (e) {
    throw windowError(e as Error);
  } finally {
    (d as unknown as { destroy(): void }).destroy();
    src.destroy();
    await piped;
  }
}

async function* viaCli(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  // -q: no progress; --memory keeps zstd's own default window limit explicit.
  const child = spawn('zstd', ['-d', '-c', '-q', `--memory=${MAX_WINDOW >> 20}MB`], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => {
    if (stderr.length < 2000) stderr += s;
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  await spawned;
  // Feeding stdin runs beside reading stdout; a write error only means zstd stopped reading.
  const feeding = pipeline(Readable.from(input, { objectMode: false }), child.stdin).catch(() => {});
  let finished = false;
  try {
    for await (const c of child.stdout as AsyncIterable<Buffer>) yield c;
    const code = await exited;
    finished = true;
    if (code !== 0) {
      const msg = stderr.replace(/^zstd: /gm, '').replace(/\/\*stdin\*\\?:?\s*/g, '').trim().split('\n')[0] || `zstd exited with ${code}`;
      throw windowError(new Error(msg));
    }
  } finally {
    if (!finished) child.kill('SIGKILL');
    child.stdout.destroy();
    child.stdin.destroy();
    await feeding;
    await exited;
  }
}

async function* viaFzstd(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let out: Buffer[] = [];
  const d = new FzstdDecompress((data) => {
    out.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  });
  const slicer = new ZstdSlicer();
  for await (const c of input) {
    for (const slice of slicer.push(c)) {
      d.push(slice);
      if (out.length) {
        const ready = out;
        out = [];
        yield* ready;
      }
    }
  }
  if (!slicer.complete) throw new Error('truncated zstd stream');
  // fzstd throws on a truncated last frame only when told the input ended.
  d.push(new Uint8Array(0), true);
  yield* out;
}

export { ZstdWindowError };
