import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Chunk, Finding, HelmOrigin, ScanError, SkippedInput } from '../../types.js';
import { isBinary, type Source } from '../source.js';
import { readChartArchive } from './archive.js';
import { ChartInputError, type ChartFile, type ChartFiles } from './chart-files.js';
import { readChartMeta } from './chart-meta.js';
import { discoverCharts, type ChartInput } from './discover.js';
import { environmentOf } from './environment.js';
import { readChartFolder } from './folder.js';
import { BudgetError, ChartBudget, DEFAULT_LIMITS, type HelmLimits } from './limits.js';
import { describeSyntaxError, firstYamlError, isYamlName } from './yaml-syntax-error.js';
import { MAX_HELD_BYTES, Pieces } from '../pieces.js';

export interface HelmSourceOptions {
  limits?: Partial<HelmLimits>;
  onFile?: (bytes: number) => void;
}

/** Where a chart (or subchart) sits in the scan: what every chunk's origin is made from. */
interface ChartPlace {
  source: string;
  archive: boolean;
  chart?: string;
  version?: string;
  /** Path of the subchart's root inside the top chart: `charts/postgresql/`. */
  prefix: string;
  subchart?: string;
  depth: number;
  /** SHA-256 of the archives enclosing this chart, to refuse one that contains itself. */
  ancestry: string[];
  budget: ChartBudget;
  /** Subchart archives read so far in this top-level chart, by parent path and content. */
  archivesSeen: Map<string, string>;
}

const SUBCHART_DIR = /^charts\/([^/]+)\/(.+)$/;
const SUBCHART_ARCHIVE = /^charts\/[^/]+\.(tgz|tar\.gz)$/i;

/**
 * Helm charts: a chart folder, a packaged chart, a folder of charts or a chart repository.
 * Every file of every chart and subchart is scanned as it is; a chart's YAML files that are
 * not templates must parse, or the file is named as bad input. The Kubernetes treatment
 * (yaml paths, decoded Secret data, hygiene findings) is the YAML enrichment stage's job
 * (`withYamlEnrichment` in enrich/), put on top of this source by the run.
 */
export class HelmSource implements Source {
  readonly skipped: SkippedInput[] = [];
  readonly errors: ScanError[] = [];
  private readonly limits: HelmLimits;
  private readonly pieces = new Pieces();

  constructor(readonly target: string, private readonly opts: HelmSourceOptions = {}) {
    // A limit passed as undefined (an unset flag) keeps its default.
    const given = Object.fromEntries(Object.entries(opts.limits ?? {}).filter(([, v]) => v !== undefined));
    this.limits = { ...DEFAULT_LIMITS, ...given };
    this.limits.maxFileSize = Math.min(this.limits.maxFileSize, MAX_HELD_BYTES);
  }

  get name(): string {
    return this.target;
  }

  async *chunks(): AsyncGenerator<Chunk> {
    const inputs = await discoverCharts(this.target);
    for (const input of inputs) yield* this.topChart(input);
  }

  /** Findings of files scanned in pieces, back on their files. */
  finish(findings: Finding[]): Finding[] {
    return this.pieces.finish(findings);
  }

  private async *topChart(input: ChartInput): AsyncGenerator<Chunk> {
    const budget = new ChartBudget(this.limits);
    let files: ChartFiles;
    try {
      files =
        input.kind === 'archive'
          ? await readChartArchive(createReadStream(input.path), input.path, this.limits, budget, this.skipped)
          : await readChartFolder(input.path, this.limits, budget, this.skipped, this.errors);
    } catch (e) {
      this.errors.push({ where: input.path, message: e instanceof ChartInputError ? e.message : `cannot read chart: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      return;
    }
    const place: ChartPlace = { source: input.path, archive: input.kind === 'archive', prefix: '', depth: 0, ancestry: [], budget, archivesSeen: new Map() };
    try {
      yield* this.chart(files, place, files.top ?? basename(input.path));
    } catch (e) {
      if (!(e instanceof BudgetError)) throw e;
      // One error for the whole chart: what was read before the budget ran out was scanned.
      this.errors.push({ where: input.path, message: `${e.message}; stopped reading this chart (the ${Math.min(budget.charts, this.limits.maxCharts)} charts read before were scanned)` });
    }
  }

  private async *chart(files: ChartFiles, at: ChartPlace, fallbackName: string): AsyncGenerator<Chunk> {
    at.budget.chart(this.where(at, 'Chart.yaml'));
    const meta = readChartMeta(files.files.find((f) => f.path === 'Chart.yaml')?.data);
    if (meta.error) this.errors.push({ where: this.where(at, 'Chart.yaml'), message: describeSyntaxError(meta.error) });
    const name = meta.name ?? fallbackName;
    const place: ChartPlace = at.depth === 0 ? { ...at, chart: name, version: meta.version } : { ...at, subchart: at.subchart ? `${at.subchart}/${name}` : name };

    const own: ChartFile[] = [];
    const subFolders = new Map<string, ChartFile[]>();
    const subArchives: ChartFile[] = [];
    for (const f of files.files) {
      const sub = SUBCHART_DIR.exec(f.path);
      if (sub) {
        const list = subFolders.get(sub[1]) ?? [];
        list.push({ path: sub[2], data: f.data });
        subFolders.set(sub[1], list);
      } else if (SUBCHART_ARCHIVE.test(f.path)) subArchives.push(f);
      else own.push(f);
    }
    own.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const f of own) yield* this.file(f, place);

    for (const [dir, list] of [...subFolders].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const prefix = `${place.prefix}charts/${dir}/`;
      if (!this.depthOk(place, prefix)) continue;
      yield* this.chart({ files: list }, { ...place, prefix, depth: place.depth + 1 }, dir);
    }
    for (const a of subArchives) {
      const label = this.where(place, a.path);
      if (!this.depthOk(place, `${place.prefix}${a.path}`)) continue;
      const hash = createHash('sha256').update(a.data).digest('hex');
      if (place.ancestry.includes(hash)) {
        this.errors.push({ where: label, message: 'refused: recursive subchart chain (the archive contains itself)' });
        continue;
      }
      // The same bytes under the same parent land at the same paths: every finding would repeat.
      const seenKey = `${place.prefix}\0${hash}`;
      const first = place.archivesSeen.get(seenKey);
      if (first !== undefined) {
        this.skipped.push({ path: label, reason: `duplicate subchart archive (same content as ${first}): scanned once` });
        continue;
      }
      place.archivesSeen.set(seenKey, a.path);
      let sub: ChartFiles;
      try {
        sub = await readChartArchive(a.data, label, this.limits, place.budget, this.skipped);
      } catch (e) {
        if (e instanceof BudgetError) throw e;
        this.errors.push({ where: label, message: (e as Error).message });
        continue;
      }
      const prefix = `${place.prefix}charts/${sub.top}/`;
      yield* this.chart(sub, { ...place, prefix, depth: place.depth + 1, ancestry: [...place.ancestry, hash] }, sub.top!);
    }
  }

  private depthOk(place: ChartPlace, path: string): boolean {
    if (place.depth + 1 <= this.limits.maxDepth) return true;
    this.errors.push({ where: this.where(place, path.slice(place.prefix.length)), message: `refused: subcharts nested deeper than ${this.limits.maxDepth} levels` });
    return false;
  }

  private async *file(f: ChartFile, place: ChartPlace): AsyncGenerator<Chunk> {
    const path = place.prefix + f.path;
    this.opts.onFile?.(f.data.length);
    if (isBinary(f.data)) {
      this.skipped.push({ path: this.where(place, f.path), reason: 'binary', size: f.data.length });
      return;
    }
    const origin: HelmOrigin = { kind: 'helm', chart: place.chart!, path };
    if (place.version !== undefined) origin.version = place.version;
    const env = environmentOf(f.path);
    if (env) origin.environment = env;
    origin.source = place.source;
    if (place.subchart) origin.subchart = place.subchart;
    // Files over a piece are scanned in overlapping pieces (findings put back on the file in `finish`).
    yield* this.pieces.split({ data: f.data, origin });
    // Templates are Go templates, not YAML: their parse errors are expected, not bad input.
    if (!isYamlName(f.path) || f.path.startsWith('templates/')) return;
    const error = firstYamlError(f.data);
    if (error) this.errors.push({ where: this.where(place, f.path), message: describeSyntaxError(error) });
  }

  private where(place: ChartPlace, pathInChart: string): string {
    return `${place.source}${place.archive ? ':' : '/'}${place.prefix}${pathInChart}`;
  }
}
