import { closeSync, constants, fstatSync, openSync, readSync, readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
import type { Chunk, Finding, ScanError, SkippedInput } from '../../types.js';
import { isBinary, type Source } from '../source.js';
import { asUtf8, utf16Encoding } from '../../util/text-encoding.js';
import { Pieces } from '../pieces.js';
import { ExcludeList } from './exclude.js';

export interface DirSourceOptions {
  exclude?: string[];
  /** Bytes; larger files are skipped and listed. */
  maxFileSize: number;
  /** Called after each file, for progress. */
  onFile?: (bytes: number) => void;
  /** Files larger than this are read and scanned in overlapping pieces (default `PIECE_BYTES`; tests use less). */
  pieceBytes?: number;
}

/** What a folder entry is that is neither a folder nor a regular file: never opened, always listed. */
function specialKind(e: Dirent | Stats): string | undefined {
  if (e.isFIFO()) return 'fifo';
  if (e.isSocket()) return 'socket';
  if (e.isCharacterDevice()) return 'character-device';
  if (e.isBlockDevice()) return 'block-device';
  return undefined;
}

/** A plain folder. Follows symlinks only when they stay inside the root. */
export class DirSource implements Source {
  readonly skipped: SkippedInput[] = [];
  readonly errors: ScanError[] = [];
  private readonly excludes: ExcludeList;
  private readonly pieces: Pieces;

  constructor(readonly root: string, private readonly opts: DirSourceOptions) {
    this.excludes = new ExcludeList(opts.exclude ?? []);
    this.pieces = opts.pieceBytes ? new Pieces(opts.pieceBytes, Math.min(64 * 1024, opts.pieceBytes >> 3)) : new Pieces();
  }

  /** Findings of files scanned in pieces, back on their files. */
  finish(findings: Finding[]): Finding[] {
    return this.pieces.finish(findings);
  }

  get name(): string {
    return this.root;
  }

  async *chunks(): AsyncGenerator<Chunk> {
    let realRoot: string;
    let isFile = false;
    try {
      realRoot = await realpath(this.root);
      const st = await stat(realRoot);
      isFile = st.isFile();
      if (!isFile && !st.isDirectory()) throw new Error('not a folder or a regular file');
    } catch (e) {
      throw new Error(`cannot scan folder '${this.root}': ${(e as Error).message}`);
    }
    if (isFile) {
      // A single file is scanned as itself, named as the user gave it.
      yield* this.readOne(realRoot, basename(this.root));
      return;
    }
    const visited = new Set<string>([realRoot]);
    for (const f of this.walk(realRoot, '', realRoot, visited)) yield* this.readOne(f.target, f.rel);
  }

  /**
   * Regular files under `dir` in name order, following symlinks that stay inside the root.
   * Synchronous like the reads: an awaited round trip per folder kept the workers waiting.
   */
  private *walk(dir: string, rel: string, realRoot: string, visited: Set<string>): Generator<{ target: string; rel: string }> {
    let dirents;
    try {
      dirents = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      this.errors.push({ where: rel || '.', message: `cannot read folder: ${(e as Error).message}` });
      return;
    }
    const entries = dirents.map((d) => ({ name: d.name, isDir: d.isDirectory(), isFile: d.isFile(), isLink: d.isSymbolicLink(), special: specialKind(d) }));
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const path = join(dir, e.name);
      const relPath = rel ? `${rel}/${e.name}` : e.name;
      let isDir = e.isDir;
      let isFile = e.isFile;
      let special = e.special;
      let target = path;
      if (e.isLink) {
        try {
          target = realpathSync(path);
        } catch {
          this.skipped.push({ path: relPath, reason: 'broken-symlink' });
          continue;
        }
        if (target !== realRoot && !target.startsWith(realRoot + sep)) {
          this.skipped.push({ path: relPath, reason: 'symlink-outside-root' });
          continue;
        }
        let st: Stats;
        try {
          st = statSync(target);
        } catch (err) {
          // /proc and friends: a link that resolves yet cannot be stat'ed.
          this.errors.push({ where: relPath, message: `cannot stat link target: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` });
          continue;
        }
        isDir = st.isDirectory();
        isFile = st.isFile();
        special = specialKind(st);
      }
      if (this.excludes.excluded(relPath, isDir)) {
        this.skipped.push({ path: relPath, reason: 'excluded' });
        continue;
      }
      if (isDir) {
        if (e.name === '.git' && !e.isLink) {
          // History is `scan git`'s job; its objects are compressed and would only look binary here.
          this.skipped.push({ path: relPath, reason: 'git-metadata (use scan git)' });
          continue;
        }
        if (visited.has(target)) continue;
        visited.add(target);
        yield* this.walk(target, relPath, realRoot, visited);
      } else if (isFile) {
        yield { target, rel: relPath };
      } else if (special) {
        this.skipped.push({ path: relPath, reason: `special-file (${special}): never opened` });
      }
    }
  }

  /**
   * Synchronous on purpose: a local file read costs ~10 µs this way against ~100 µs through
   * five promise round trips, and the main thread only feeds the workers, which keep going.
   * Every read is bounded by --max-file-size, whatever the size stat reports (files under
   * /proc report 0 and can yield gigabytes); files over one piece are read a piece at a time.
   */
  private *readOne(path: string, rel: string): Generator<Chunk> {
    let fd: number;
    try {
      // Non-blocking, so a FIFO that appeared since the walk cannot hang the open.
      fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (e) {
      this.errors.push({ where: rel, message: `cannot open file: ${errorText(e)}` });
      return;
    }
    try {
      const st = fstatSync(fd);
      const special = specialKind(st);
      if (special || !st.isFile()) {
        this.skipped.push({ path: rel, reason: `special-file (${special ?? 'not a regular file'}): never opened` });
        return;
      }
      const max = this.opts.maxFileSize;
      if (st.size > max) {
        this.skipped.push({ path: rel, reason: 'too-large', size: st.size });
        return;
      }
      const base = { origin: { kind: 'file' as const, path: rel, root: this.root } };
      if (st.size > this.pieces.size && !this.utf16(fd)) {
        let first = true;
        for (const piece of this.pieces.readFile(fd, base, max)) {
          if (first && isBinary(piece.data)) {
            this.skipped.push({ path: rel, reason: 'binary', size: st.size });
            return;
          }
          first = false;
          this.opts.onFile?.(piece.data.length);
          yield piece;
        }
        return;
      }
      const data = readBounded(fd, st.size, max);
      if (data === undefined) {
        this.skipped.push({ path: rel, reason: `too-large (its size reads ${st.size}; reading stopped past --max-file-size)`, size: max + 1 });
        return;
      }
      this.opts.onFile?.(data.length);
      if (isBinary(data)) {
        this.skipped.push({ path: rel, reason: 'binary', size: data.length });
        return;
      }
      // UTF-16 text becomes UTF-8 here (whole, then cut if large), so every stage sees it as the engine does.
      yield* this.pieces.split({ data: asUtf8(data), ...base });
    } catch (e) {
      this.errors.push({ where: rel, message: `cannot read file: ${errorText(e)}` });
    } finally {
      closeSync(fd);
    }
  }

  /** Whether a file's first bytes are UTF-16 text: such a file is read whole and converted, not cut raw. */
  private utf16(fd: number): boolean {
    const head = Buffer.alloc(8192);
    const n = readSync(fd, head, 0, head.length, 0);
    return utf16Encoding(head.subarray(0, n)) !== undefined;
  }
}

function errorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code ?? err.message;
}

/**
 * The whole file, up to `max` bytes; undefined when it holds more. `sizeHint` is what stat
 * said, which pseudo-files get wrong both ways.
 */
function readBounded(fd: number, sizeHint: number, max: number): Buffer | undefined {
  // Reads stay whole pages: some pseudo-files (pagemap) refuse lengths that are not a multiple of 8.
  const cap = Math.ceil((max + 1) / 4096) * 4096;
  let buf = Buffer.allocUnsafe(Math.min(cap, sizeHint > 0 ? Math.ceil((sizeHint + 1) / 4096) * 4096 : 64 * 1024));
  let got = 0;
  for (;;) {
    if (got === buf.length) {
      if (got > max) return undefined;
      const bigger = Buffer.allocUnsafe(Math.min(cap, buf.length * 2));
      buf.copy(bigger, 0, 0, got);
      buf = bigger;
    }
    const r = readSync(fd, buf, got, buf.length - got, null);
    if (r === 0) break;
    got += r;
  }
  if (got > max) return undefined;
  // A pseudo-file that claimed 0 bytes and held a few: do not keep the whole guess alive.
  return buf.length - got > 4096 ? Buffer.from(buf.subarray(0, got)) : buf.subarray(0, got);
}
