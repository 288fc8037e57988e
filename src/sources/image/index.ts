import { createHash } from 'node:crypto';
import picomatch from 'picomatch';
import type { Chunk, Finding, ImageOrigin, Origin, ScanError, SkippedInput } from '../../types.js';
import { isBinary, type Source } from '../source.js';
import { openStore } from './archive.js';
import { configChunks } from './config-chunks.js';
import { decompressed, CapError } from './decompress.js';
import { ZstdWindowError, type ZstdDecoder } from './zstd.js';
import { hiddenBy, LayerPaths } from './hidden.js';
import { LayerCache } from './layer-cache.js';
import { layerFiles, type LayerListing } from './layer-tar.js';
import { readImages, type ImageSpec, type LayerUse } from './manifest.js';
import { ChunkQueue } from './queue.js';
import { withPathContext } from '../../engine/contexts.js';
import { MAX_HELD_BYTES, Pieces } from '../pieces.js';

export interface ImageSourceOptions {
  /** Bytes; larger files inside layers are skipped and listed. */
  maxFileSize: number;
  /** Cap on decompressed bytes per layer and per image. */
  maxDecompressed: number;
  /** `os/arch[/variant]`: only this platform of a multi-platform image. */
  platform?: string;
  /** Globs over paths inside the image (`usr/share/doc/**`); matching files are not scanned. */
  skipPath?: string[];
  /** Folder of the clean-layer cache; off when unset. */
  layerCache?: string;
  /** Keys the cache: catalogue hash plus whatever else changes findings. */
  cacheSalt?: string;
  /** Layers decompressed at once (random-access inputs). Default 2. */
  layerConcurrency?: number;
  /** Called when a layer finishes, for progress. */
  onLayer?: (done: number, total: number) => void;
  /** Who decodes zstd layers; default the fastest present (Node's zlib, the zstd program, fzstd). */
  zstdDecoder?: ZstdDecoder;
}

interface BlobState {
  uses: Array<{ img: ImageSpec; layer: LayerUse }>;
  listing?: LayerListing;
  paths?: LayerPaths;
  failed: boolean;
  fromCache: boolean;
}

interface FileLoc {
  blob: string;
  path: string;
}

/**
 * A container image tarball (docker-archive, oci-archive, gzipped or not) or OCI layout
 * folder. Every regular file of every layer is scanned once per distinct content, including
 * files later layers delete or overwrite; `finish` fans findings out to every image, layer
 * and path that holds the content and marks the hidden ones.
 */
export class ImageSource implements Source {
  readonly skipped: SkippedInput[] = [];
  readonly errors: ScanError[] = [];
  images: ImageSpec[] = [];
  private readonly blobs = new Map<string, BlobState>();
  private readonly contentOf = new Map<Origin, string>();
  private readonly locations = new Map<string, FileLoc[]>();
  private readonly skip?: (p: string) => boolean;
  private readonly cache?: LayerCache;
  private readonly pieces = new Pieces();

  constructor(readonly path: string, private readonly opts: ImageSourceOptions) {
    const globs = (opts.skipPath ?? []).map((g) => g.replace(/^\/+/, ''));
    if (globs.length) this.skip = picomatch(globs, { dot: true });
    if (opts.layerCache) this.cache = new LayerCache(opts.layerCache, opts.cacheSalt ?? '');
  }

  get name(): string {
    return this.path;
  }

  async *chunks(): AsyncGenerator<Chunk> {
    let store;
    try {
      store = await openStore(this.path);
      if (store.damage) this.errors.push({ where: this.path, message: store.damage });
      this.images = await readImages(store, { platform: this.opts.platform }, this.errors);
    } catch (e) {
      throw new Error(`cannot read image '${this.path}': ${(e as Error).message}`);
    }
    if (this.images.length === 0 && this.errors.length === 0) {
      throw new Error(`cannot read image '${this.path}': no image${this.opts.platform ? ` for platform ${this.opts.platform}` : ''} in it`);
    }
    for (const img of this.images) {
      yield* configChunks(img, { ...(img.tags.length > 1 ? { tags: img.tags } : {}), ...(img.platform ? { platform: img.platform } : {}) });
      for (const layer of img.layers) {
        const b = this.blobs.get(layer.blob) ?? { uses: [], failed: false, fromCache: false };
        b.uses.push({ img, layer });
        this.blobs.set(layer.blob, b);
      }
    }
    const todo: string[] = [];
    for (const [blob, b] of this.blobs) {
      const diffId = b.uses[0].layer.diffId;
      const cached = this.cache && diffId ? await this.cache.get(diffId) : undefined;
      if (cached) {
        b.listing = cached;
        b.fromCache = true;
        this.skipped.push({ path: this.label(b), reason: 'clean in layer cache' });
      } else {
        todo.push(blob);
      }
    }
    const queue = new ChunkQueue<Chunk>(32 * 1024 * 1024);
    const imageBytes = new Map<ImageSpec, number>();
    let done = this.blobs.size - todo.length;
    const total = this.blobs.size;
    const producer = (async () => {
      try {
        await store.readEach(
          todo,
          async (blob, data) => {
            const b = this.blobs.get(blob)!;
            const budget = Math.min(...b.uses.map((u) => this.opts.maxDecompressed - (imageBytes.get(u.img) ?? 0)));
            const bytes = budget > 0 ? await this.scanLayer(blob, b, data, budget, queue) : 0;
            if (budget <= 0) {
              b.failed = true;
              this.errors.push({ where: this.label(b), message: `not scanned: its image passed the cap of ${this.opts.maxDecompressed} decompressed bytes (--max-decompressed)` });
            }
            for (const u of b.uses) imageBytes.set(u.img, (imageBytes.get(u.img) ?? 0) + bytes);
            this.opts.onLayer?.(++done, total);
          },
          this.opts.layerConcurrency ?? 2,
        );
        queue.close();
      } catch (e) {
        this.errors.push({ where: this.path, message: `archive unreadable: ${(e as Error).message}` });
        queue.close();
      }
    })();
    try {
      yield* queue;
    } finally {
      queue.close();
      await producer;
    }
  }

  private label(b: BlobState): string {
    const u = b.uses[0];
    return `${u.img.name} layer ${u.layer.index} (${u.layer.digest})`;
  }

  /** Streams one layer into the queue; returns decompressed bytes read. Errors are recorded, not thrown. */
  private async scanLayer(blob: string, b: BlobState, data: AsyncIterable<Uint8Array>, cap: number, queue: ChunkQueue<Chunk>): Promise<number> {
    const listing: LayerListing = { files: [], deleted: [], opaque: [] };
    b.listing = listing;
    const first = b.uses[0];
    const label = this.label(b);
    let bytes = 0;
    let binaries = 0;
    let binaryBytes = 0;
    // Links and devices are as common as files in a base image: counted per kind, not listed one by one.
    const specials = new Map<string, number>();
    async function* counted(src: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
      for await (const c of src) {
        bytes += c.length;
        yield c;
      }
    }
    try {
      for await (const ev of layerFiles(counted(decompressed(data, cap, { zstd: this.opts.zstdDecoder })), Math.min(this.opts.maxFileSize, MAX_HELD_BYTES), listing)) {
        if (ev.kind === 'unsafe') {
          this.skipped.push({ path: `${label}: ${ev.path}`, reason: `${ev.reason}: scanned in memory, never extracted` });
          continue;
        }
        if (ev.kind === 'special') {
          specials.set(ev.type, (specials.get(ev.type) ?? 0) + 1);
          continue;
        }
        if (ev.kind === 'too-large') {
          this.skipped.push({ path: `${label}: ${ev.path}`, reason: 'too-large', size: ev.size });
          continue;
        }
        if (this.skip?.(ev.path)) {
          this.skipped.push({ path: `${label}: ${ev.path}`, reason: 'excluded (--skip-path)' });
          continue;
        }
        if (ev.data.length === 0) continue;
        if (isBinary(ev.data)) {
          binaries++;
          binaryBytes += ev.data.length;
          continue;
        }
        const hash = createHash('sha256').update(ev.data).digest('base64');
        const loc: FileLoc = { blob, path: ev.path };
        const seen = this.locations.get(hash);
        if (seen) {
          seen.push(loc);
          continue;
        }
        this.locations.set(hash, [loc]);
        const origin: ImageOrigin = {
          kind: 'image',
          image: first.img.name,
          layer: layerRef(first.layer),
          path: ev.path,
          deletedLater: false,
        };
        this.contentOf.set(origin, hash);
        for (const piece of this.pieces.split({ data: ev.data, origin, name: ev.path })) await queue.push(piece);
      }
    } catch (e) {
      b.failed = true;
      const msg = e instanceof CapError || e instanceof ZstdWindowError ? e.message : `corrupt or truncated layer: ${(e as Error).message}`;
      this.errors.push({ where: label, message: msg });
    }
    if (binaries) this.skipped.push({ path: label, reason: `binary (${binaries} files)`, size: binaryBytes });
    for (const [type, n] of [...specials].sort()) this.skipped.push({ path: label, reason: `${type} (${n} entr${n === 1 ? 'y' : 'ies'}): recorded, never followed or read` });
    return bytes;
  }

  async finish(pieceFindings: Finding[]): Promise<Finding[]> {
    const findings = this.pieces.finish(pieceFindings);
    const out: Finding[] = [];
    const withFindings = new Set<string>();
    const paths = (blob: string) => {
      const b = this.blobs.get(blob);
      if (!b?.listing) return undefined;
      return (b.paths ??= new LayerPaths(b.listing));
    };
    maskHistorySecrets(this.images, findings);
    const stacks = new Map<ImageSpec, Array<LayerPaths | undefined>>();
    const stackOf = (img: ImageSpec) => {
      let s = stacks.get(img);
      if (!s) stacks.set(img, (s = img.layers.map((l) => paths(l.blob))));
      return s;
    };
    for (const f of findings) {
      if (f.origin.kind !== 'image') {
        out.push(f);
        continue;
      }
      const hash = this.contentOf.get(f.origin);
      const locs = (hash && this.locations.get(hash)) || [];
      const seen = new Set<string>();
      for (const loc of locs) {
        withFindings.add(loc.blob);
        for (const { img, layer } of this.blobs.get(loc.blob)?.uses ?? []) {
          const key = `${img.name}\0${layer.index}\0${loc.path}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const hb = hiddenBy(stackOf(img), layer.index, loc.path);
          const origin: ImageOrigin = { kind: 'image', image: img.name, layer: layerRef(layer), path: loc.path, deletedLater: hb !== undefined };
          if (hb !== undefined) origin.hiddenBy = hb;
          if (img.tags.length > 1) origin.tags = img.tags;
          if (img.platform) origin.platform = img.platform;
          out.push({ ...withPathContext(f, loc.path), origin });
        }
      }
    }
    await this.saveClean(withFindings);
    return out;
  }

  private async saveClean(withFindings: Set<string>): Promise<void> {
    if (!this.cache) return;
    for (const [blob, b] of this.blobs) {
      const diffId = b.uses[0].layer.diffId;
      if (!diffId || b.fromCache || b.failed || !b.listing || withFindings.has(blob)) continue;
      try {
        await this.cache.putClean(diffId, b.listing);
      } catch (e) {
        this.errors.push({ where: `layer cache ${this.opts.layerCache}`, message: `cannot write: ${(e as Error).message}` });
      }
    }
  }
}

function layerRef(l: LayerUse): ImageOrigin['layer'] {
  const ref: ImageOrigin['layer'] = { index: l.index, digest: l.digest };
  if (l.diffId) ref.diffId = l.diffId;
  if (l.createdBy) ref.createdBy = l.createdBy;
  if (l.created) ref.created = l.created;
  return ref;
}

/**
 * A layer's `createdBy` is the history entry's text, which may hold a build-arg secret the
 * config scan found: replace each found span with the finding's preview before any report
 * carries the text.
 */
function maskHistorySecrets(images: ImageSpec[], findings: Finding[]): void {
  const byImage = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.origin.kind !== 'image-config' || !f.origin.field.startsWith('history[')) continue;
    const list = byImage.get(f.origin.image) ?? [];
    list.push(f);
    byImage.set(f.origin.image, list);
  }
  for (const img of images) {
    const fs = byImage.get(img.name);
    if (!fs) continue;
    for (const layer of img.layers) {
      if (layer.createdBy === undefined || layer.historyIndex === undefined) continue;
      const field = `history[${layer.historyIndex}].created_by`;
      const spans = fs.filter((f) => f.origin.kind === 'image-config' && f.origin.field === field);
      if (spans.length) layer.createdBy = maskSpans(layer.createdBy, spans);
    }
  }
}

function maskSpans(text: string, spans: Finding[]): string {
  const lines = text.split('\n');
  const starts: number[] = [];
  let at = 0;
  for (const l of lines) {
    starts.push(at);
    at += l.length + 1;
  }
  const ranges = spans
    .map((f) => ({ from: (starts[f.line - 1] ?? 0) + f.column - 1, to: (starts[f.endLine - 1] ?? 0) + f.endColumn - 1, preview: f.preview }))
    .sort((a, b) => a.from - b.from);
  // Two rules can match overlapping spans: merge them so no part of either survives.
  const merged: typeof ranges = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.from < last.to) last.to = Math.max(last.to, r.to);
    else merged.push({ ...r });
  }
  let out = text;
  for (const r of merged.reverse()) out = out.slice(0, r.from) + `[redacted ${r.preview}]` + out.slice(Math.max(r.to, r.from));
  return out;
}
