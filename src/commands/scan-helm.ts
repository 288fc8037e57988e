import { Option, type Command } from 'commander';
import { formatSize } from '../util/size.js';
import { HELM_LIMITS as DEFAULT_LIMITS, helmJob, intArg, offerGroups, resolveSettings, runScan, sizeArg } from '../app/index.js';

const GROUPS = ['input', 'detection', 'verification', 'output', 'hygiene', 'github', 'issueTarget'] as const;

export function registerScanHelm(scan: Command): void {
  const cmd = scan
    .command('helm')
    .description('scan Helm charts: a chart folder, a packaged .tgz, a folder of charts or a chart repository')
    .argument('<path>', 'chart folder, .tgz package, or folder holding charts')
    .option('--max-depth <n>', 'deepest subchart nesting to read', intArg('--max-depth'), DEFAULT_LIMITS.maxDepth)
    .addOption(new Option('--max-chart-bytes <size>', 'uncompressed bytes read per top-level chart, subcharts included').argParser(sizeArg('--max-chart-bytes')).default(DEFAULT_LIMITS.maxTotalBytes, formatSize(DEFAULT_LIMITS.maxTotalBytes)));
  offerGroups(cmd, GROUPS).action(async (path: string, opts: { maxDepth: number; maxChartBytes: number }) => {
    process.exitCode = await runScan(helmJob({ path, maxDepth: opts.maxDepth, maxChartBytes: opts.maxChartBytes }), resolveSettings(opts, GROUPS));
  });
}
