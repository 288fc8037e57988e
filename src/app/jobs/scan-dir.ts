import { DirSource } from '../../sources/dir/index.js';
import { withYamlEnrichment } from '../../enrich/index.js';
import type { ScanJob } from '../run-scan.js';
import { processRedactor } from '../../redact/index.js';
import { localScope } from './target.js';
import { stdinJob } from './scan-staged.js';

/** `scan dir PATH`: a folder or a single file; `-` is standard input. */
export function dirJob(path: string): ScanJob {
  if (path === '-') return stdinJob(undefined);
  return {
    target: { kind: 'dir', name: path },
    scope: localScope('dir', path),
    root: path,
    async collect(engine) {
      const { input, detection } = engine.settings;
      const source = withYamlEnrichment(new DirSource(path, { exclude: input.exclude, maxFileSize: input.maxFileSize }), {
        fingerprintKey: engine.fingerprintKey,
        showSecrets: detection.showSecrets,
        minConfidence: detection.minConfidence,
        onSecret: (v) => processRedactor.add(v),
      });
      return engine.scan(source, engine.progress());
    },
  };
}
