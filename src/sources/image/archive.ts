import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { posix, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import pLimit from 'p-limit';
import { decompressed, sniff } from './decompress.js';

/** Metadata files (manifests, indexes, configs) larger than this are not buffered. */
export const MAX_METADATA_BYTES = 16 * 1024 * 1024;

/**
 * Where an image's files live: an archive (docker-archive, oci-archive, maybe gzipped) or an
 * OCI layout folder. Names are `/`-separated, relative, without `./`.
 */
export interface BlobStore {
  readonly label: string;
  /**
   * Why the archive could not be read to its end (truncated, corrupt), when so: what came
   * before the damage is still served, the blobs after it fail one by one.
   */
  readonly damage?: string;
  /** Blobs that are not metadata, in archive order (the layers, when no manifest says which). */
  unlisted?(): string[];
  /** A small JSON file (manifest, index, config), or undefined. */
  metadata(name: string): Promise<Buffer | undefined>;
  has(name: string): boolean;
  /**
   * Streams each named blob to `fn`. Random-access stores run `concurrency` at once; a
   * compressed archive is read once more from the start, blobs in archive order.
   */
  readEach(names: string[], fn: (name: string, data: AsyncIterable<Uint8Array>) => Promise<void>, concurrency: number): Promise<void>;
}

export function cleanName(name: string): string {
  let n = name.replace(/\\/g, '/');
  while (n.startsWith('./')) n = n.slice(2);
  return posix.normalize(n).replace(/^\/+/, '');
}

export async function openStore(path: string): Promise<BlobStore> {
  const st = await stat(path);
  return st.isDirectory() ? new DirStore(path) : TarStore.index(path);
}

/** An OCI image layout (or an unpacked docker-archive) in a folder. */
class DirStore implements BlobStore {
  private readonly root: string;
  constructor(root: string) {
    this.root = resolve(root);
  }
  get label(): string {
    return this.root;
  }
  /** Names come from manifests, which are input too: never let one climb out of the folder. */
  private resolve(name: string): string | undefined {
    const p = resolve(this.root, cleanName(name));
    return p.startsWith(this.root + sep) ? p : undefined;
  }
  async metadata(name: string): Promise<Buffer | undefined> {
    const p = this.resolve(name);
    if (!p) return undefined;
    try {
      const st = await stat(p);
      return st.isFile() && st.size <= MAX_METADATA_BYTES ? await readFile(p) : undefined;
    } catch {
      return undefined;
    }
  }
  has(name: string): boolean {
    return this.resolve(name) !== undefined;
  }
  async readEach(names: string[], fn: (name: string, data: AsyncIterable<Uint8Array>) => Promise<void>, concurrency: number): Promise<void> {
    const limit = pLimit(Math.max(1, concurrency));
    await Promise.all(
      names.map((n) =>
        limit(async () => {
          const p = this.resolve(n);
          if (!p) return fn(n, failing(new Error('blob path escapes the image folder')));
          return fn(n, createReadStream(p, { highWaterMark: 1024 * 1024 }));
        }),
      ),
    );
  }
}

async function* failing(err: Error): AsyncGenerator<Uint8Array> {
  throw err;
}

type TarEntry = AsyncIterable<Buffer> & { resume(): unknown };

interface TarEntryRef {
  offset: number;
  size: number;
}

/**
 * A tar archive, read once up front to index entry offsets and buffer the small JSON files.
 * Plain archives are then read at those offsets (several layers at once); gzipped archives
 * cannot seek, so a second pass streams the wanted blobs in archive order.
 */
class TarStore implements BlobStore {
  private readonly entries = new Map<string, TarEntryRef>();
  private readonly meta = new Map<string, Buffer>();
  private compressed = false;
  damage?: string;
  private constructor(readonly label: string) {}

  static async index(path: string): Promise<TarStore> {
    const store = new TarStore(path);
    const fh = await open(path, 'r');
    const head = Buffer.alloc(4);
    await fh.read(head, 0, 4, 0);
    await fh.close();
    store.compressed = sniff(head) !== 'none';
    try {
      await store.walk(async (name, header, entry) => {
        store.entries.set(name, { offset: header.byteOffset ?? -1, size: header.size ?? 0 });
        if (isMetadataName(name) && (header.size ?? 0) <= MAX_METADATA_BYTES) {
          const data = await readJsonLike(entry);
          if (data) store.meta.set(name, data);
        } else {
          entry.resume();
        }
      });
    } catch (e) {
      // A truncated or corrupt archive still holds whatever came before the damage.
      if (store.entries.size === 0) throw new Error(`not a readable tar archive (${(e as Error).message})`);
      store.damage = `${store.compressed ? 'compressed archive' : 'archive'} is truncated or corrupt after ${store.entries.size} entries (${(e as Error).message}); what follows is missing`;
    }
    if (store.entries.size === 0) throw new Error('not a tar archive, or an empty one');
    if (!store.compressed && [...store.entries.values()].some((e) => e.offset < 0)) store.compressed = true;
    return store;
  }

  private async walk(fn: (name: string, header: tar.Header & { byteOffset?: number }, entry: TarEntry) => Promise<void>): Promise<void> {
    const ex = tar.extract();
    const src = Readable.from(decompressed(createReadStream(this.label, { highWaterMark: 1024 * 1024 }), Number.MAX_SAFE_INTEGER));
    src.on('error', (e) => ex.destroy(e));
    src.pipe(ex as unknown as NodeJS.WritableStream);
    for await (const entry of ex) {
      const h = entry.header as tar.Header & { byteOffset?: number };
      if (h.type !== 'file' && h.type !== 'contiguous-file') {
        entry.resume();
        continue;
      }
      await fn(cleanName(h.name), h, entry as unknown as TarEntry);
    }
  }

  async metadata(name: string): Promise<Buffer | undefined> {
    return this.meta.get(cleanName(name));
  }
  unlisted(): string[] {
    const layerLike = (n: string) => n.startsWith('blobs/') || n.endsWith('/layer.tar');
    return [...this.entries].filter(([n, e]) => layerLike(n) && !this.meta.has(n) && e.size > 0).map(([n]) => n);
  }
  has(name: string): boolean {
    return this.entries.has(cleanName(name));
  }

  async readEach(names: string[], fn: (name: string, data: AsyncIterable<Uint8Array>) => Promise<void>, concurrency: number): Promise<void> {
    const wanted = new Set(names.map(cleanName));
    if (!this.compressed) {
      const limit = pLimit(Math.max(1, concurrency));
      await Promise.all(
        [...wanted].map((n) =>
          limit(async () => {
            const e = this.entries.get(n);
            if (!e) return fn(n, failing(new Error('blob not found in the archive')));
            if (e.size === 0) return fn(n, empty());
            return fn(n, createReadStream(this.label, { start: e.offset, end: e.offset + e.size - 1, highWaterMark: 1024 * 1024 }));
          }),
        ),
      );
      return;
    }
    const done = new Set<string>();
    let cut: Error | undefined;
    try {
      await this.walk(async (name, _h, entry) => {
        if (!wanted.has(name) || done.has(name)) return void entry.resume();
        done.add(name);
        await fn(name, entry);
        entry.resume();
      });
    } catch (e) {
      cut = e as Error;
    }
    const missing = cut ? `blob not in the readable part of the archive (${cut.message})` : 'blob not found in the archive';
    for (const n of wanted) if (!done.has(n)) await fn(n, failing(new Error(missing)));
  }
}

async function* empty(): AsyncGenerator<Uint8Array> {}

function isMetadataName(name: string): boolean {
  return name.endsWith('.json') || name === 'oci-layout' || name === 'repositories' || name.startsWith('blobs/');
}

/** Buffers an entry if it starts like JSON; drains it otherwise (layers under blobs/). */
async function readJsonLike(entry: AsyncIterable<Buffer>): Promise<Buffer | undefined> {
  const parts: Buffer[] = [];
  let json: boolean | undefined;
  for await (const c of entry) {
    if (json === undefined) {
      const first = c.toString('latin1').trimStart()[0];
      if (first === undefined) continue;
      json = first === '{' || first === '[';
    }
    if (json) parts.push(c);
  }
  return json ? Buffer.concat(parts) : undefined;
}

