import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import { blankTemplates, hasTemplateActions } from './template-blank.js';
import { joinPath, lineKeyPath, segment } from './line-keys.js';

/** A scalar's place in the file (string offsets) and its yaml path. */
export interface ScalarEntry {
  start: number;
  end: number;
  path: string;
}

export interface YamlSyntaxError {
  line: number;
  column: number;
  /** The parser's error code (`BAD_INDENT`...): its messages can quote the offending line, which may hold a secret. */
  code: string;
}

/** Files larger than this are not parsed (line-based paths only): parsing is the slow part. */
export const MAX_PARSE_CHARS = 4 * 1024 * 1024;

/**
 * One YAML file parsed once: its documents (for manifest analysis) and a sorted list of
 * scalar ranges with their yaml paths (to place engine findings). Helm template actions
 * are blanked first; offsets are unchanged by that.
 */
export class YamlIndex {
  readonly docs: Document.Parsed[] = [];
  readonly errors: YamlSyntaxError[] = [];
  readonly templated: boolean;
  private readonly entries: ScalarEntry[] = [];
  private readonly lineStarts: number[];
  private lines?: string[];

  constructor(readonly text: string) {
    this.templated = hasTemplateActions(text);
    const counter = new LineCounter();
    if (text.length <= MAX_PARSE_CHARS) {
      const docs = parseAllDocuments(blankTemplates(text), { lineCounter: counter, uniqueKeys: false, prettyErrors: false, strict: false });
      for (const d of Array.isArray(docs) ? docs : []) {
        this.docs.push(d);
        for (const e of d.errors) {
          const pos = counter.linePos(e.pos[0]);
          this.errors.push({ line: pos.line, column: pos.col, code: e.code });
        }
        if (d.errors.length === 0) collect(d.contents, [], this.entries);
      }
      this.entries.sort((a, b) => a.start - b.start);
      this.lineStarts = counter.lineStarts;
    } else {
      this.lineStarts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    }
  }

  get parsed(): boolean {
    return this.errors.length === 0 && this.docs.length > 0;
  }

  /** String offset of a 1-based line and character column. */
  offsetOf(line: number, column: number): number {
    return (this.lineStarts[line - 1] ?? this.text.length) + column - 1;
  }

  /** 1-based line and column of a string offset. */
  positionOf(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo] + 1 };
  }

  /** Yaml path of the scalar holding (line, column); else the key structure of the lines. */
  pathAt(line: number, column: number): string | undefined {
    const off = this.offsetOf(line, column);
    const e = this.entryAt(off);
    if (e) return e.path;
    this.lines ??= this.text.split('\n');
    return lineKeyPath(this.lines, line);
  }

  private entryAt(off: number): ScalarEntry | undefined {
    const es = this.entries;
    let lo = 0;
    let hi = es.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (es[mid].start <= off) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 && off < es[found].end ? es[found] : undefined;
  }
}

function collect(node: unknown, path: string[], out: ScalarEntry[]): void {
  if (isScalar(node)) {
    if (node.range) out.push({ start: node.range[0], end: node.range[1], path: joinPath(path) });
  } else if (isMap(node)) {
    for (const p of node.items) {
      if (!isPair(p)) continue;
      const key = keyText(p.key);
      if (key === undefined) continue;
      const here = [...path, segment(key)];
      if (isScalar(p.key) && p.key.range) out.push({ start: p.key.range[0], end: p.key.range[1], path: joinPath(here) });
      collect(p.value, here, out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => collect(item, [...path, `[${i}]`], out));
  }
}

export function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return key.value === null || key.value === undefined ? undefined : String(key.value);
  return undefined;
}

export type { Node };
