import type { Chunk, Finding, ScanError, SkippedInput } from '../../types.js';
import type { Source } from '../../sources/source.js';
import { YamlStage, type YamlEnrichmentOptions } from './stage.js';

/**
 * Any source, with the YAML stage on top: its YAML files (by path) get yaml paths on their
 * findings, Secret `data` values decoded and scanned, and the Kubernetes hygiene findings.
 * The inner source's own `finish` runs after the stage's, on findings whose origins are the
 * inner source's own objects again (decoded-value findings placed back on their file), so
 * provenance, fan-out and layer bookkeeping see nothing new.
 */
export function withYamlEnrichment(source: Source, opts: YamlEnrichmentOptions): Source {
  return new YamlEnrichedSource(source, new YamlStage(opts));
}

class YamlEnrichedSource implements Source {
  constructor(private readonly inner: Source, private readonly stage: YamlStage) {}

  get name(): string {
    return this.inner.name;
  }
  get skipped(): SkippedInput[] {
    return this.inner.skipped;
  }
  get errors(): ScanError[] {
    return this.inner.errors;
  }
  get drivesProgress(): boolean | undefined {
    return this.inner.drivesProgress;
  }
  get partial(): boolean | undefined {
    return this.inner.partial;
  }

  async *chunks(): AsyncGenerator<Chunk> {
    for await (const chunk of this.inner.chunks()) {
      yield chunk;
      yield* this.stage.observe(chunk);
    }
  }

  async finish(findings: Finding[]): Promise<Finding[]> {
    const enriched = this.stage.finish(findings);
    return this.inner.finish ? await this.inner.finish(enriched) : enriched;
  }
}
