import { LineCounter, parseDocument } from 'yaml';
import type { YamlSyntaxError } from './yaml-syntax-error.js';

export interface ChartMeta {
  name?: string;
  version?: string;
  appVersion?: string;
  error?: YamlSyntaxError;
}

/** Name, version and appVersion from `Chart.yaml`; a broken file gives its first error's place. */
export function readChartMeta(data: Buffer | undefined): ChartMeta {
  if (!data) return {};
  const lineCounter = new LineCounter();
  const doc = parseDocument(data.toString('utf8'), { lineCounter, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const pos = lineCounter.linePos(e.pos[0]);
    return { error: { line: pos.line, column: pos.col, code: e.code } };
  }
  const str = (k: string) => {
    const v = doc.get(k);
    return v === undefined || v === null ? undefined : String(v);
  };
  return { name: str('name'), version: str('version'), appVersion: str('appVersion') };
}
