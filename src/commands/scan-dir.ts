import type { Command } from 'commander';
import { DirSource } from '../sources/dir/index.js';
import { loadFingerprintKey } from '../engine/fingerprint.js';
import { addScanOptions, runScanCommand, type ScanOptions } from './common.js';

export function registerScanDir(scan: Command): void {
  addScanOptions(scan.command('dir').description('scan a folder (or a single file)').argument('<path>', 'folder or file to scan')).action(
    async (path: string, opts: ScanOptions) => {
      process.exitCode = await runScanCommand({ kind: 'dir', name: path }, opts, () => new DirSource(path, {
          exclude: opts.exclude,
          maxFileSize: opts.maxFileSize,
          yaml: { fingerprintKey: loadFingerprintKey(), showSecrets: opts.showSecrets, minConfidence: opts.minConfidence },
        }));
    },
  );
}
