import { posix } from 'node:path';
import * as tar from 'tar-stream';

/** What a layer says about the filesystem, kept so earlier layers' files can be marked hidden. */
export interface LayerListing {
  /** Every non-directory path the layer writes (files, links, devices): it overwrites earlier ones. */
  files: string[];
  /** Paths a whiteout `.wh.NAME` deletes (files or whole folders). */
  deleted: string[];
  /** Folders an opaque whiteout `.wh..wh..opq` empties of everything earlier layers put there. */
  opaque: string[];
}

export type LayerEvent =
  | { kind: 'file'; path: string; data: Buffer }
  | { kind: 'too-large'; path: string; size: number }
  | { kind: 'unsafe'; path: string; reason: string }
  /** A link, device or FIFO entry: recorded, never followed or read. */
  | { kind: 'special'; path: string; type: string };

/**
 * Canonical in-image path of a tar entry name, or undefined when it climbs out of the root.
 * The entry is never written anywhere; this only decides whether whiteout logic may use it.
 */
export function imagePath(name: string): string | undefined {
  const n = posix.normalize('/' + name.replace(/^\.\/+/, ''));
  if (name.split('/').includes('..')) return undefined;
  return n.replace(/^\/+/, '').replace(/\/+$/, '');
}

type Extract = ReturnType<typeof tar.extract> & { destroyed: boolean; destroying: boolean };

/** Resolves on 'drain', or once the reader is closed or destroyed (even before this call). */
function drainedOrGone(ex: Extract): Promise<void> {
  if (ex.destroyed || ex.destroying) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      ex.off('drain', done);
      ex.off('close', done);
      ex.off('error', done);
      resolve();
    };
    ex.once('drain', done);
    ex.once('close', done);
    ex.once('error', done);
  });
}

/**
 * Reads a layer's tar stream entry by entry and yields its regular files (up to
 * `maxFileSize` each). Whiteouts, links and devices are recorded in `listing`, never
 * followed; nothing is written.
 */
export async function* layerFiles(bytes: AsyncIterable<Buffer>, maxFileSize: number, listing: LayerListing): AsyncGenerator<LayerEvent> {
  const ex = tar.extract() as Extract;
  let feedError: Error | undefined;
  const feed = (async () => {
    try {
      for await (const c of bytes) {
        // A damaged header destroys the reader at once: waiting for it to drain would wait forever.
        if (ex.destroyed || ex.destroying) break;
        if (!ex.write(c)) await drainedOrGone(ex);
      }
      if (!ex.destroyed && !ex.destroying) (ex as unknown as { end(): void }).end();
    } catch (e) {
      feedError = e as Error;
      ex.destroy(e as Error);
    }
  })();
  try {
    for await (const entry of ex) {
      const h = entry.header;
      const raw = h.name;
      const path = imagePath(raw);
      const base = posix.basename(raw.replace(/\/+$/, ''));
      if (path !== undefined && base.startsWith('.wh.')) {
        const dir = posix.dirname(path);
        if (base === '.wh..wh..opq') listing.opaque.push(dir === '.' ? '' : dir);
        else listing.deleted.push(posix.join(dir === '.' ? '' : dir, base.slice(4)));
        entry.resume();
        continue;
      }
      if (h.type === 'directory') {
        entry.resume();
        continue;
      }
      if (path !== undefined) listing.files.push(path);
      if (h.type !== 'file' && h.type !== 'contiguous-file') {
        entry.resume();
        yield { kind: 'special', path: path ?? raw, type: h.type === 'link' ? 'hardlink' : (h.type ?? 'unknown') };
        continue;
      }
      const shown = path ?? raw;
      if (path === undefined || raw.startsWith('/')) yield { kind: 'unsafe', path: raw, reason: path === undefined ? 'path-traversal name' : 'absolute name' };
      if (h.size > maxFileSize) {
        entry.resume();
        yield { kind: 'too-large', path: shown, size: h.size };
        continue;
      }
      const parts: Buffer[] = [];
      for await (const c of entry) parts.push(c as Buffer);
      yield { kind: 'file', path: shown, data: parts.length === 1 ? parts[0] : Buffer.concat(parts) };
    }
  } catch (e) {
    throw feedError ?? e;
  } finally {
    ex.destroy();
    await feed;
  }
  if (feedError) throw feedError;
}
