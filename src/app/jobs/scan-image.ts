import { ImageSource } from '../../sources/image/index.js';
import type { ScanJob } from '../run-scan.js';
import { localScope } from './target.js';

export interface ImageTarget {
  path: string;
  maxDecompressed: number;
  platform?: string;
  skipPath: string[];
  layerCache?: string;
}

/** `scan image PATH`: an image archive or OCI layout, every layer and the config. */
export function imageJob(t: ImageTarget): ScanJob {
  return {
    target: { kind: 'image', name: t.path },
    scope: localScope('image', t.path),
    async collect(engine) {
      const { input, detection } = engine.settings;
      const progress = engine.progress();
      const scanner = engine.scanner;
      const source = new ImageSource(t.path, {
        onLayer: (done, total) => {
          if (progress) progress.extra = `layers ${done}/${total}`;
        },
        maxFileSize: input.maxFileSize,
        maxDecompressed: t.maxDecompressed,
        platform: t.platform,
        // Excludes prune inside the layer reader (no read at all), as --skip-path does.
        skipPath: [...t.skipPath, ...input.exclude],
        layerCache: t.layerCache,
        cacheSalt: `${scanner.catalogue.hash}\0${detection.minConfidence}\0${input.maxFileSize}\0${[...t.skipPath, ...input.exclude].sort().join('\0')}`,
      });
      return engine.scan(source, progress);
    },
  };
}
