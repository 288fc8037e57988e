import type { Command } from 'commander';
import { dirJob, offerGroups, resolveSettings, runScan } from '../app/index.js';

const GROUPS = ['input', 'detection', 'verification', 'output', 'hygiene', 'github', 'issueTarget'] as const;

export function registerScanDir(scan: Command): void {
  offerGroups(scan.command('dir').description('scan a folder (or a single file)').argument('<path>', 'folder or file to scan'), GROUPS).action(
    async (path: string, opts: Record<string, unknown>) => {
      process.exitCode = await runScan(dirJob(path), resolveSettings(opts, GROUPS));
    },
  );
}
