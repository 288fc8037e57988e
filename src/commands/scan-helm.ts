import type { Command } from 'commander';
import { loadFingerprintKey } from '../engine/fingerprint.js';
import { HelmSource } from '../sources/helm/index.js';
import { DEFAULT_LIMITS } from '../sources/helm/limits.js';
import { addScanOptions, intArg, runScanCommand, sizeArg, type ScanOptions } from './common.js';

interface HelmOptions extends ScanOptions {
  maxDepth: number;
  maxChartBytes: number;
}

export function registerScanHelm(scan: Command): void {
  addScanOptions(
    scan
      .command('helm')
      .description('scan Helm charts: a chart folder, a packaged .tgz, a folder of charts or a chart repository')
      .argument('<path>', 'chart folder, .tgz package, or folder holding charts')
      .option('--max-depth <n>', 'deepest subchart nesting to read', (v) => intArg(v, '--max-depth'), DEFAULT_LIMITS.maxDepth)
      .option('--max-chart-bytes <size>', 'uncompressed bytes read per top-level chart, subcharts included', (v) => sizeArg(v, '--max-chart-bytes'), DEFAULT_LIMITS.maxTotalBytes),
  ).action(async (path: string, opts: HelmOptions) => {
    process.exitCode = await runScanCommand({ kind: 'helm', name: path }, opts, () =>
      new HelmSource(path, {
        fingerprintKey: loadFingerprintKey(),
        showSecrets: opts.showSecrets,
        minConfidence: opts.minConfidence,
        limits: { maxDepth: opts.maxDepth, maxTotalBytes: opts.maxChartBytes, maxFileSize: opts.maxFileSize },
      }),
    );
  });
}
