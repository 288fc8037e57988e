import type { LayerListing } from './layer-tar.js';

/** Fast lookups over one layer's listing. */
export class LayerPaths {
  private readonly files: Set<string>;
  private readonly deleted: Set<string>;
  private readonly opaque: Set<string>;
  constructor(l: LayerListing) {
    this.files = new Set(l.files);
    this.deleted = new Set(l.deleted);
    this.opaque = new Set(l.opaque);
  }

  /** Whether this layer, stacked above, hides `path` from the final filesystem. */
  hides(path: string): boolean {
    if (this.files.has(path) || this.deleted.has(path)) return true;
    let dir = path;
    for (;;) {
      const cut = dir.lastIndexOf('/');
      dir = cut < 0 ? '' : dir.slice(0, cut);
      if (this.deleted.has(dir) || this.opaque.has(dir)) return true;
      // A later file where a folder was replaces the whole folder.
      if (dir && this.files.has(dir)) return true;
      if (dir === '') return false;
    }
  }
}

/** Index of the first later layer that hides `path` of layer `index`, if any. */
export function hiddenBy(layers: Array<LayerPaths | undefined>, index: number, path: string): number | undefined {
  for (let k = index + 1; k < layers.length; k++) if (layers[k]?.hides(path)) return k;
  return undefined;
}
