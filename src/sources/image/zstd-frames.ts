// The frame and block layout of a zstd stream (RFC 8878 §3.1), walked without decoding, so a
// decoder that decodes whatever it is given at once (fzstd) is given a bounded amount: a few
// blocks at a time, each at most 128 KB once decoded, and never a frame whose window would
// have it allocate more than zstd's own default limit.

/** zstd's default cap on a frame's window (ZSTD_WINDOWLOG_LIMIT_DEFAULT = 27): 128 MB. */
export const MAX_WINDOW = 1 << 27;
const MAX_BLOCK = 128 * 1024;

const FRAME_MAGIC = 0xfd2fb528;
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;

/** A frame refused before decoding: its declared window is larger than decoders accept by default. */
export class ZstdWindowError extends Error {
  /** `window` when the header was read here; else the decoder's own refusal. */
  constructor(readonly window?: number) {
    super(`zstd frame ${window === undefined ? 'needs a window' : `declares a ${window}-byte window`}, over the ${MAX_WINDOW}-byte limit zstd decoders keep by default; refused before decoding`);
  }
}

type State = { at: 'frame' } | { at: 'block'; checksum: boolean } | { at: 'skip'; left: number };

/**
 * Cuts a zstd byte stream into slices that end on block boundaries, each holding blocks
 * whose decoded size adds up to at most `maxOut` bytes. Header fields are checked on the
 * way: unknown magic, reserved block types and oversized windows throw.
 */
export class ZstdSlicer {
  private buf: Buffer = Buffer.alloc(0);
  private state: State = { at: 'frame' };
  /** Bytes of `buf` already walked and ready to hand out. */
  private ready = 0;
  private readyOut = 0;

  constructor(private readonly maxOut = 1024 * 1024) {}

  /** Slices ready after adding `chunk`. */
  *push(chunk: Buffer): Generator<Buffer> {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    for (;;) {
      const step = this.step();
      if (step === undefined) break;
      this.ready += step.bytes;
      this.readyOut += step.out;
      if (this.readyOut >= this.maxOut) yield this.take();
    }
    if (this.ready > 0) yield this.take();
  }

  /** True when the stream ended on a frame boundary with nothing left over. */
  get complete(): boolean {
    return this.state.at === 'frame' && this.buf.length === 0;
  }

  private take(): Buffer {
    const out = this.buf.subarray(0, this.ready);
    this.buf = this.buf.subarray(this.ready);
    this.ready = 0;
    this.readyOut = 0;
    return out;
  }

  /** The next whole unit after `ready` (frame header, block, checksum, skippable data), or undefined if incomplete. */
  private step(): { bytes: number; out: number } | undefined {
    const b = this.buf;
    const p = this.ready;
    const avail = b.length - p;
    const s = this.state;
    if (s.at === 'skip') {
      if (avail === 0) return undefined;
      const n = Math.min(avail, s.left);
      s.left -= n;
      if (s.left === 0) this.state = { at: 'frame' };
      return { bytes: n, out: 0 };
    }
    if (s.at === 'frame') {
      if (avail < 4) return undefined;
      const magic = b.readUInt32LE(p);
      if ((magic & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_MAGIC) {
        if (avail < 8) return undefined;
        this.state = { at: 'skip', left: b.readUInt32LE(p + 4) };
        if ((this.state as { left: number }).left === 0) this.state = { at: 'frame' };
        return { bytes: 8, out: 0 };
      }
      if (magic !== FRAME_MAGIC) throw new Error('not a zstd frame (bad magic number)');
      if (avail < 5) return undefined;
      const fhd = b[p + 4];
      const fcsFlag = fhd >> 6;
      const single = (fhd >> 5) & 1;
      if (fhd & 0x08) throw new Error('zstd frame header has its reserved bit set');
      const dictBytes = [0, 1, 2, 4][fhd & 3];
      const fcsBytes = fcsFlag === 0 ? single : 1 << fcsFlag;
      const headerLen = 5 + (single ? 0 : 1) + dictBytes + fcsBytes;
      if (avail < headerLen) return undefined;
      let window: number;
      if (single) {
        const at = p + 5 + dictBytes;
        window = fcsBytes === 1 ? b[at] : fcsBytes === 2 ? b.readUInt16LE(at) + 256 : fcsBytes === 4 ? b.readUInt32LE(at) : Number(b.readBigUInt64LE(at));
      } else {
        const wd = b[p + 5];
        const base = 2 ** (10 + (wd >> 3));
        window = base + (base / 8) * (wd & 7);
      }
      if (window > MAX_WINDOW) throw new ZstdWindowError(window);
      this.state = { at: 'block', checksum: ((fhd >> 2) & 1) === 1 };
      return { bytes: headerLen, out: 0 };
    }
    if (avail < 3) return undefined;
    const h = b[p] | (b[p + 1] << 8) | (b[p + 2] << 16);
    const last = h & 1;
    const type = (h >> 1) & 3;
    const size = h >>> 3;
    if (type === 3) throw new Error('zstd block of the reserved type: corrupt');
    if (size > MAX_BLOCK) throw new Error('zstd block larger than 128 KB: corrupt');
    const body = type === 1 ? 1 : size;
    const tail = last && s.checksum ? 4 : 0;
    if (avail < 3 + body + tail) return undefined;
    if (last) this.state = { at: 'frame' };
    return { bytes: 3 + body + tail, out: type === 2 ? MAX_BLOCK : size };
  }
}
