import type { Chunk, Confidence, Finding, Origin } from '../../types.js';
import { CONFIDENCE_ORDER } from '../../types.js';
import { analyseManifest, type ManifestAnalysis, type ValueSpan } from './manifest.js';
import { PathFinder } from './paths.js';
import { triage } from './triage.js';
import { YamlText } from './yaml-text.js';

export interface YamlEnrichmentOptions {
  fingerprintKey: Buffer;
  showSecrets?: boolean;
  /** Every value a hygiene finding is about (the run's redactor), whether or not it is shown. */
  onSecret?: (value: string) => void;
  /** Hygiene findings below this are dropped, as the engine drops rule findings. Default `medium`. */
  minConfidence?: Confidence;
}

/** What the stage keeps of one YAML file until `finish`: its bytes, and what was already done. */
interface YamlFile {
  data: Buffer;
  /** Hygiene still to look for in `finish` (the file may hold some, and was not parsed yet). */
  hygienePending: boolean;
}

/** What the stage did: its cost is a property tests bound (files parsed, documents composed). */
export interface YamlStageStats {
  /** YAML files observed. */
  files: number;
  /** Files parsed while scanning (they hold Secret data to decode). */
  parsedWhileScanning: number;
  /** Files parsed in `finish` (a finding to place, or hygiene to look for). */
  parsedInFinish: number;
  /** Documents composed, over all parses. */
  documents: number;
}

const YAML_NAME = /\.ya?ml$/i;

export function isYamlName(path: string): boolean {
  return YAML_NAME.test(path);
}

function pathOf(o: Origin): string {
  return 'path' in o ? o.path : '';
}

/**
 * The structured treatment of YAML, paid only where it gives something. `observe` each chunk
 * as it is read: a YAML file's bytes are kept, and only a file holding a Secret is parsed
 * now (its decoded `data` values are handed back, to be scanned too). `finish` takes the
 * engine's findings and parses what is left to parse, once per file: files with a finding
 * (for yaml paths) and files that may hold hygiene findings. Chunks and findings are matched
 * by origin object identity, which the engine preserves.
 */
export class YamlStage {
  private readonly files = new Map<Origin, YamlFile>();
  private readonly decoded = new Map<Origin, { file: Origin; span: ValueSpan }>();
  private readonly hygiene: Finding[] = [];
  private readonly minConfidence: number;
  readonly stats: YamlStageStats = { files: 0, parsedWhileScanning: 0, parsedInFinish: 0, documents: 0 };

  constructor(private readonly opts: YamlEnrichmentOptions) {
    this.minConfidence = CONFIDENCE_ORDER[opts.minConfidence ?? 'medium'];
  }

  /** Chunks to scan besides `chunk`: the decoded Secret data values it holds, if any. */
  observe(chunk: Chunk): Chunk[] {
    if (!isYamlName(pathOf(chunk.origin))) return [];
    const t = triage(chunk.data);
    this.stats.files++;
    this.files.set(chunk.origin, { data: chunk.data, hygienePending: t.hygiene && !t.secretData });
    if (!t.secretData) return [];
    this.stats.parsedWhileScanning++;
    const file = new YamlText(chunk.data.toString('utf8'));
    const analysis: ManifestAnalysis = { decoded: [], hygiene: [] };
    for (const d of file.documents()) {
      this.stats.documents++;
      analyseManifest(d, file, chunk.origin, this.opts, analysis);
    }
    this.keep(analysis.hygiene);
    for (const d of analysis.decoded) this.decoded.set(d.chunk.origin, { file: chunk.origin, span: d.span });
    return analysis.decoded.map((d) => d.chunk);
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
    const byFile = new Map<Origin, Finding[]>();
    for (const f of findings) {
      if (this.decoded.has(f.origin)) continue;
      if (!this.files.has(f.origin)) {
        out.push(f);
        continue;
      }
      // The engine decodes long base64 runs itself: the same hit from the decoded chunk wins.
      if (f.decoded && fromDecoded.has(key(f.origin, f))) continue;
      const list = byFile.get(f.origin) ?? [];
      list.push(f);
      byFile.set(f.origin, list);
    }
    for (const [origin, file] of this.files) {
      const found = byFile.get(origin) ?? [];
      if (found.length === 0 && !file.hygienePending) continue;
      out.push(...this.finishFile(origin, file, found));
    }
    this.files.clear();
    return [...out, ...this.hygiene];
  }

  /** One parse of one file: hygiene if still pending, paths for its findings. */
  private finishFile(origin: Origin, file: YamlFile, found: Finding[]): Finding[] {
    this.stats.parsedInFinish++;
    const text = new YamlText(file.data.toString('utf8'));
    const paths = new PathFinder(text, found);
    const analysis: ManifestAnalysis = { decoded: [], hygiene: [] };
    for (const d of text.documents()) {
      this.stats.documents++;
      if (file.hygienePending) analyseManifest(d, text, origin, this.opts, analysis);
      else if (paths.passed(d)) break;
      paths.add(d);
    }
    this.keep(analysis.hygiene);
    return found.map((f) => {
      const yamlPath = paths.pathAt(f.line, f.column);
      return yamlPath ? { ...f, yamlPath } : f;
    });
  }

  private keep(hygiene: Finding[]): void {
    for (const f of hygiene) if (CONFIDENCE_ORDER[f.confidence] >= this.minConfidence) this.hygiene.push(f);
  }
}
