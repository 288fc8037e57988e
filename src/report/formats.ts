import type { Report } from './model.js';
import { renderJson } from './json.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';
import { renderBaselineReport } from './baseline-format.js';
import { renderHtml } from './html/index.js';

export interface RenderOptions {
  /** ANSI colours (text only). */
  color: boolean;
}

export interface FormatSpec {
  /** One line for --help and the README. */
  help: string;
  render(r: Report, o: RenderOptions): string;
}

/** Every report format. `--format` choices and help derive from this registry. */
export const FORMATS = {
  text: { help: 'grouped by credential, worst first, for people (colour on a terminal)', render: (r, o) => renderText(r, { color: o.color }) },
  json: { help: 'stable JSON, schema version 1 (see "Output formats")', render: (r) => renderJson(r) },
  sarif: { help: 'SARIF 2.1.0 for GitHub code scanning and other SARIF viewers', render: (r) => renderSarif(r) },
  html: { help: 'one self-contained HTML file (no network): summary, sortable credential table, age chart, sharing matrix, details', render: (r) => renderHtml(r) },
  baseline: { help: 'a baseline file of the credentials found (reasons kept from the current baseline): `-f baseline -o .credsweep-baseline`', render: (r) => renderBaselineReport(r) },
} as const satisfies Record<string, FormatSpec>;

export type FormatName = keyof typeof FORMATS;
export const FORMAT_NAMES = Object.keys(FORMATS) as FormatName[];
