import { HelmSource } from '../../sources/helm/index.js';
import { withYamlEnrichment } from '../../enrich/index.js';
export { DEFAULT_LIMITS as HELM_LIMITS } from '../../sources/helm/limits.js';
import type { ScanJob } from '../run-scan.js';
import { processRedactor } from '../../redact/index.js';
import { localScope } from './target.js';

export interface HelmTarget {
  path: string;
  maxDepth: number;
  maxChartBytes: number;
}

/** `scan helm PATH`: a chart folder, a packaged chart, or a folder of charts. */
export function helmJob(t: HelmTarget): ScanJob {
  return {
    target: { kind: 'helm', name: t.path },
    scope: localScope('helm', t.path),
    root: t.path,
    async collect(engine) {
      const { input, detection } = engine.settings;
      const helm = new HelmSource(t.path, { limits: { maxDepth: t.maxDepth, maxTotalBytes: t.maxChartBytes, maxFileSize: input.maxFileSize } });
      const source = withYamlEnrichment(helm, {
        fingerprintKey: engine.fingerprintKey,
        showSecrets: detection.showSecrets,
        minConfidence: detection.minConfidence,
        onSecret: (v) => processRedactor.add(v),
      });
      return engine.scan(source, engine.progress());
    },
  };
}
