import { DFA_WALK_WASM } from './dfa-walk-wasm.js';

/** Bytes handed to the WebAssembly walk at once: bounds its output buffer whatever the input. */
const BLOCK = 256 * 1024;
/** Below this a block is walked as one stretch: the stripes' set-up costs more than they gain. */
const STRIPED_MIN = 4096;
const TABLE = 1024;

let module: WebAssembly.Module | null | undefined;

/**
 * The automaton's walk in WebAssembly (dfa-walk.wat): the same table and the same stripes as
 * the JS walk in aho-corasick.ts, measured about twice as fast on real files (the walk is
 * bound by dependent table loads; JS adds a bounds check and more per byte). The input goes
 * through in blocks copied into the module's memory; each block after the first starts
 * `longest - 1` bytes early so that a keyword across a block edge is found, and reported
 * once. Returns undefined where WebAssembly is unavailable: the JS walk serves then.
 */
export class WasmWalk {
  private readonly i32: Int32Array;
  private readonly u8: Uint8Array;
  private readonly input: number;
  private readonly output: number;

  private constructor(
    private readonly exports: { memory: WebAssembly.Memory; walk1: WalkOne; striped: Striped },
    classes: Uint8Array,
    delta: Int32Array,
    private readonly lead: number,
  ) {
    this.input = TABLE + delta.length * 4;
    // 8-byte aligned: the output pairs are read back through an Int32Array.
    this.output = (this.input + BLOCK + lead + 64 + 7) & ~7;
    const need = this.output + BLOCK * 8 + 64;
    const mem = exports.memory;
    mem.grow(Math.ceil((need - mem.buffer.byteLength) / 65536));
    this.i32 = new Int32Array(mem.buffer);
    this.u8 = new Uint8Array(mem.buffer);
    for (let b = 0; b < 256; b++) this.i32[b] = classes[b] * 4;
    // Offsets in bytes, sign kept: the table's entries are state*width (negated to report).
    const i32 = this.i32;
    for (let i = 0, at = TABLE / 4; i < delta.length; i++) i32[at + i] = delta[i] * 4;
  }

  static create(classes: Uint8Array, delta: Int32Array, longest: number): WasmWalk | undefined {
    try {
      module ??= new WebAssembly.Module(Buffer.from(DFA_WALK_WASM, 'base64'));
      const inst = new WebAssembly.Instance(module, {});
      return new WasmWalk(inst.exports as unknown as WasmWalk['exports'], classes, delta, longest - 1);
    } catch {
      module = null;
      return undefined;
    }
  }

  /** Calls `hit(state * width, end)` for every state reached that reports keywords. */
  walk(data: Uint8Array, hit: (state: number, end: number) => void): void {
    const { i32, u8, input, output, lead } = this;
    const { walk1, striped } = this.exports;
    const n = data.length;
    for (let bs = 0; bs < n; bs += BLOCK) {
      const be = Math.min(n, bs + BLOCK);
      const from = Math.max(0, bs - lead);
      const pre = bs - from;
      const len = be - from;
      u8.set(data.subarray(from, be), input);
      const end =
        len >= STRIPED_MIN && (len - pre) >> 2 > lead ? striped(input, len, pre, lead, output) : walk1(input, input + len, 0, input + pre, input, output);
      for (let k = output >> 2, e = end >> 2; k < e; k += 2) hit(i32[k] >> 2, i32[k + 1] + from);
    }
  }
}

type WalkOne = (p: number, e: number, s: number, after: number, base: number, out: number) => number;
type Striped = (base: number, n: number, pre: number, lead: number, out: number) => number;
