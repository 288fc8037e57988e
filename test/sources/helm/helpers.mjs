// Shared by the helm tests: the real engine inline (threads: 0) over a real HelmSource with
// the YAML enrichment stage on top, as the run puts it.
import { Scanner } from '../../../dist/engine/scanner.js';
import { scanSource } from '../../../dist/app/scan-source.js';
import { HelmSource } from '../../../dist/sources/helm/index.js';
import { withYamlEnrichment } from '../../../dist/enrich/index.js';

export const KEY = Buffer.from('credsweep-helm-test-key');
export const CORPUS = new URL('../../../corpus/charts/', import.meta.url).pathname;
export { packageChart, tarGz } from '../../../corpus/charts/package-chart.mjs';

let scanner;
export function sharedScanner() {
  scanner ??= new Scanner({ threads: 0, fingerprintKey: KEY, minConfidence: 'low' });
  return scanner;
}

/** Scans PATH; findings below `minConfidence` (default medium) are dropped like the CLI does. */
export async function scanHelm(path, { minConfidence = 'medium', limits } = {}) {
  const order = { low: 0, medium: 1, high: 2 };
  const source = withYamlEnrichment(new HelmSource(path, { limits }), { fingerprintKey: KEY, minConfidence });
  const result = await scanSource(source, sharedScanner());
  result.findings = result.findings.filter((f) => order[f.confidence] >= order[minConfidence]);
  return result;
}

/** The fields expected.json pins (no `source`: it names the folder or archive read). */
export function row(f) {
  const o = { kind: f.kind, ruleId: f.ruleId, confidence: f.confidence, path: f.origin.path };
  if (f.origin.environment) o.environment = f.origin.environment;
  if (f.origin.subchart) o.subchart = f.origin.subchart;
  Object.assign(o, { line: f.line, column: f.column, yamlPath: f.yamlPath });
  if (f.decoded) o.decoded = f.decoded;
  return o;
}
