import { writeFileSync } from 'node:fs';
import type { Report } from '../report/model.js';
import { FORMATS } from '../report/formats.js';
import type { OutputSettings } from './settings.js';
import { processRedactor } from '../redact/index.js';

/** Renders the report in the chosen format to the output file, or stdout. */
export function publishReport(report: Report, o: OutputSettings, stdout: (s: string) => void = (s) => process.stdout.write(s)): void {
  const toFile = !!o.output;
  const color = o.color ?? (!toFile && !!process.stdout.isTTY && !process.env.NO_COLOR);
  const text = processRedactor.redact(FORMATS[o.format].render(report, { color }));
  if (toFile) {
    try {
      writeFileSync(o.output!, text);
    } catch (e) {
      throw new Error(`cannot write the report to '${o.output}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  } else stdout(text);
}
