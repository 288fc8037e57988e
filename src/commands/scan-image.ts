import { Option, type Command } from 'commander';
import { imageJob, offerGroups, resolveSettings, runScan, sizeArg } from '../app/index.js';
import { parseSize } from '../util/size.js';

const GROUPS = ['input', 'detection', 'verification', 'output', 'hygiene', 'github', 'issueTarget'] as const;
const collect = (v: string, prev: string[]) => [...prev, v];

interface ImageFlags {
  maxDecompressed: number;
  platform?: string;
  skipPath: string[];
  layerCache?: string;
}

export function registerScanImage(scan: Command): void {
  const cmd = scan
    .command('image')
    .description('scan a container image tarball (docker save, podman save, skopeo docker-archive:/oci-archive:, gzipped or not) or an OCI layout folder, every layer and the config')
    .argument('<path>', 'image archive or OCI layout folder')
    .addOption(new Option('--max-decompressed <size>', 'cap on decompressed bytes per layer and per image').argParser(sizeArg('--max-decompressed')).default(parseSize('20GB'), '20GB'))
    .option('--platform <os/arch>', 'only this platform (e.g. linux/arm64): the matching entries of a multi-platform image; a single image built for another platform is not scanned')
    .option('--skip-path <glob>', 'path glob inside the image not to scan, e.g. "usr/share/doc/**" (repeatable; --exclude does the same)', collect, [])
    .option('--layer-cache <dir>', 'remember layers that scanned clean (by diffID and catalogue) and skip them next time');
  offerGroups(cmd, GROUPS).action(async (path: string, opts: ImageFlags) => {
    process.exitCode = await runScan(imageJob({ path, ...opts }), resolveSettings(opts as unknown as Record<string, unknown>, GROUPS));
  });
}
