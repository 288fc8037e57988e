import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LayerListing } from './layer-tar.js';

/**
 * Remembers layers that scanned clean (no findings, no errors), keyed by diffID plus the
 * catalogue hash and scan settings, so shared base layers are not decompressed again. The
 * layer's listing is kept too: its whiteouts still decide what earlier layers hide.
 */
export class LayerCache {
  constructor(private readonly dir: string, private readonly salt: string) {}

  private file(diffId: string): string {
    return join(this.dir, createHash('sha256').update(diffId).update('\0').update(this.salt).digest('hex') + '.json');
  }

  async get(diffId: string): Promise<LayerListing | undefined> {
    try {
      const l = JSON.parse(await readFile(this.file(diffId), 'utf8')) as LayerListing;
      return Array.isArray(l.files) && Array.isArray(l.deleted) && Array.isArray(l.opaque) ? l : undefined;
    } catch {
      return undefined;
    }
  }

  async putClean(diffId: string, listing: LayerListing): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const f = this.file(diffId);
    const tmp = `${f}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(listing));
    await rename(tmp, f);
  }
}
