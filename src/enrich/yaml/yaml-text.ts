import { Composer, Parser, type Document } from 'yaml';
import { blankTemplates, hasTemplateActions } from './template-blank.js';
import { lineKeyPath } from './line-keys.js';

/**
 * A parse of more characters than this at once is refused (the line-based paths still
 * serve): parsing is the slow part, and a parsed document holds several times its text.
 * A larger file is split at its document markers and each document parsed on its own.
 */
export const MAX_PARSE_CHARS = 4 * 1024 * 1024;

/** One parsed document; `base` is added to its node ranges to get offsets in the file. */
export interface YamlDoc {
  doc: Document.Parsed;
  base: number;
}

const COMPOSE_OPTIONS = { uniqueKeys: false, strict: false } as const;

/**
 * One YAML file's text: line and column arithmetic, and its documents parsed one at a time,
 * so a large multi-document file never holds more than one parsed document. Helm template
 * actions are blanked before parsing; offsets are unchanged by that.
 */
export class YamlText {
  readonly templated: boolean;
  private starts?: number[];
  private lineList?: string[];

  constructor(readonly text: string) {
    this.templated = hasTemplateActions(text);
  }

  private get lineStarts(): number[] {
    if (!this.starts) {
      const s = [0];
      for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) s.push(i + 1);
      this.starts = s;
    }
    return this.starts;
  }

  /** String offset of a 1-based line and character column. */
  offsetOf(line: number, column: number): number {
    return (this.lineStarts[line - 1] ?? this.text.length) + column - 1;
  }

  /** 1-based line and column of a string offset. */
  positionOf(offset: number): { line: number; column: number } {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  }

  /** The path the key structure of the lines gives, for places no parsed scalar holds. */
  linePath(line: number): string | undefined {
    this.lineList ??= this.text.split('\n');
    return lineKeyPath(this.lineList, line);
  }

  /** Every document, parsed lazily in file order (documents with errors included, as parsed). */
  *documents(): Generator<YamlDoc> {
    const text = blankTemplates(this.text);
    if (text.length <= MAX_PARSE_CHARS) {
      for (const doc of parseStream(text)) yield { doc, base: 0 };
      return;
    }
    for (const [from, to] of documentSpans(text)) {
      if (to - from > MAX_PARSE_CHARS) continue;
      for (const doc of parseStream(text.slice(from, to))) yield { doc, base: from };
    }
  }
}

function parseStream(text: string): Generator<Document.Parsed> {
  return new Composer(COMPOSE_OPTIONS).compose(new Parser().parse(text)) as Generator<Document.Parsed>;
}

const MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;

/**
 * Spans of a large file between document markers, found without parsing: a `---` line
 * starts a span, a `...` line ends one. No scalar can hold either at column 0.
 */
export function documentSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let from = 0;
  const cut = (at: number) => {
    if (at > from) spans.push([from, at]);
    from = at;
  };
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(text); m; m = MARKER.exec(text)) {
    if (m[0] === '---') cut(m.index);
    else {
      const eol = text.indexOf('\n', m.index);
      cut(eol === -1 ? text.length : eol + 1);
    }
    MARKER.lastIndex = Math.max(from, m.index + 3);
  }
  cut(text.length);
  return spans;
}
