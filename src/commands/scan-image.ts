import type { Command } from 'commander';
import { ImageSource } from '../sources/image/index.js';
import { addScanOptions, runScanCommand, sizeArg, type ScanOptions } from './common.js';
import { parseSize } from '../util/size.js';

interface ScanImageOptions extends ScanOptions {
  maxDecompressed: number;
  platform?: string;
  skipPath: string[];
  layerCache?: string;
}

const collect = (v: string, prev: string[]) => [...prev, v];

export function registerScanImage(scan: Command): void {
  addScanOptions(
    scan
      .command('image')
      .description('scan a container image tarball (docker save, podman save, skopeo docker-archive:/oci-archive:, gzipped or not) or an OCI layout folder, every layer and the config')
      .argument('<path>', 'image archive or OCI layout folder'),
  )
    .option('--max-decompressed <size>', 'cap on decompressed bytes per layer and per image', (v) => sizeArg(v, '--max-decompressed'), parseSize('20GB'))
    .option('--platform <os/arch>', 'only this platform of a multi-platform image (e.g. linux/arm64)')
    .option('--skip-path <glob>', 'path glob inside the image not to scan, e.g. "usr/share/doc/**" (repeatable)', collect, [])
    .option('--layer-cache <dir>', 'remember layers that scanned clean (by diffID and catalogue) and skip them next time')
    .action(async (path: string, opts: ScanImageOptions) => {
      process.exitCode = await runScanCommand({ kind: 'image', name: path }, opts, (scanner, progress) => {
        return new ImageSource(path, {
          onLayer: (done, total) => {
            if (progress) progress.extra = `layers ${done}/${total}`;
          },
          maxFileSize: opts.maxFileSize,
          maxDecompressed: opts.maxDecompressed,
          platform: opts.platform,
          skipPath: [...opts.skipPath, ...opts.exclude],
          layerCache: opts.layerCache,
          cacheSalt: `${scanner.catalogue.hash}\0${opts.minConfidence}\0${opts.maxFileSize}\0${[...opts.skipPath].sort().join('\0')}`,
        });
      });
    });
}
