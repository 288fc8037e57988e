import type { Command } from 'commander';
import { baselineFromReport } from '../app/index.js';

/** `credsweep baseline create|update FILE --report R.json` (from a scan: `scan ... -f baseline -o FILE`). */
export function registerBaseline(program: Command): void {
  const baseline = program.command('baseline').description('accepted credentials: a reviewable file that scans read with --baseline (fail only on what is new)');
  for (const mode of ['create', 'update'] as const) {
    baseline
      .command(mode)
      .description(mode === 'create' ? 'write a baseline from a JSON report (or scan with `-f baseline -o FILE`)' : 'refresh a baseline from a JSON report: new credentials added, reasons kept, fixed ones dropped')
      .argument('<file>', 'baseline file, e.g. .credsweep-baseline')
      .requiredOption('--report <file>', 'a JSON report (`credsweep scan ... -f json -o report.json`)')
      .action((file: string, opts: { report: string }) => {
        const r = baselineFromReport(file, opts.report, mode);
        process.stderr.write(`credsweep: ${file}: ${r.entries} credential(s), ${r.added} added${mode === 'update' ? `, ${r.dropped} dropped` : ''}; write a reason for each new line\n`);
      });
  }
}
