import type { Chunk, Confidence, Finding, Origin } from '../../types.js';
import { CONFIDENCE_ORDER } from '../../types.js';
import { analyseManifests, type ValueSpan } from './manifest.js';
import { YamlIndex, type YamlSyntaxError } from './yaml-index.js';

export interface YamlEnricherOptions {
  fingerprintKey: Buffer;
  showSecrets?: boolean;
  /** Hygiene findings below this are dropped, as the engine drops rule findings. Default `medium`. */
  minConfidence?: Confidence;
}

export interface ObservedYaml {
  /** Decoded Secret `data:` values: scan these as well as the file itself. */
  chunks: Chunk[];
  /** Syntax errors (line, column, code only: never the line's text). */
  errors: YamlSyntaxError[];
  /** The file holds template actions (`{{ }}`): parse errors are expected there. */
  templated: boolean;
}

const YAML_NAME = /\.ya?ml$/i;

export function isYamlName(path: string): boolean {
  return YAML_NAME.test(path);
}

/**
 * The structured treatment of YAML that any source can add: `observe` each YAML chunk as it
 * is read (parse once, find Kubernetes structure, hand back decoded Secret data to scan),
 * then `finish` the engine's findings: yaml paths, decoded values reported at their manifest
 * line, and the hygiene findings. Chunks and findings are matched by origin object identity,
 * which the engine preserves.
 */
export class YamlEnricher {
  private readonly files = new Map<Origin, YamlIndex>();
  private readonly decoded = new Map<Origin, { file: Origin; span: ValueSpan }>();
  private readonly hygiene: Finding[] = [];
  private readonly minConfidence: number;

  constructor(private readonly opts: YamlEnricherOptions) {
    this.minConfidence = CONFIDENCE_ORDER[opts.minConfidence ?? 'medium'];
  }

  observe(chunk: Chunk): ObservedYaml {
    const index = new YamlIndex(chunk.data.toString('utf8'));
    this.files.set(chunk.origin, index);
    const analysis = analyseManifests(index, chunk.origin, this.opts);
    for (const f of analysis.hygiene) if (CONFIDENCE_ORDER[f.confidence] >= this.minConfidence) this.hygiene.push(f);
    for (const d of analysis.decoded) this.decoded.set(d.chunk.origin, { file: chunk.origin, span: d.span });
    return { chunks: analysis.decoded.map((d) => d.chunk), errors: index.errors, templated: index.templated };
  }

  finish(findings: Finding[]): Finding[] {
    const out: Finding[] = [];
    const fromDecoded = new Set<string>();
    const fileIds = new Map<Origin, number>();
    const idOf = (o: Origin) => {
      let id = fileIds.get(o);
      if (id === undefined) fileIds.set(o, (id = fileIds.size));
      return id;
    };
    const key = (o: Origin, f: Finding) => `${idOf(o)}:${f.line}:${f.ruleId}:${f.fingerprint}`;
    for (const f of findings) {
      const d = this.decoded.get(f.origin);
      if (!d) continue;
      const placed: Finding = { ...f, origin: d.file, ...d.span, decoded: f.decoded ? `base64+${f.decoded}` : 'base64' };
      fromDecoded.add(key(d.file, placed));
      out.push(placed);
    }
    for (const f of findings) {
      if (this.decoded.has(f.origin)) continue;
      const index = this.files.get(f.origin);
      if (!index) {
        out.push(f);
        continue;
      }
      // The engine decodes long base64 runs itself: the same hit from the decoded chunk wins.
      if (f.decoded && fromDecoded.has(key(f.origin, f))) continue;
      const yamlPath = index.pathAt(f.line, f.column);
      out.push(yamlPath ? { ...f, yamlPath } : f);
    }
    return [...out, ...this.hygiene];
  }
}
