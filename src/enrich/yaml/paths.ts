import { isMap, isPair, isScalar, isSeq } from 'yaml';
import { joinPath, segment } from './line-keys.js';
import type { YamlDoc, YamlText } from './yaml-text.js';
import { lowerBound } from '../../util/lower-bound.js';

/** A scalar's place in the file (string offsets) and its yaml path. */
interface ScalarEntry {
  start: number;
  end: number;
  path: string;
}

/**
 * Yaml paths for given places of one file. Documents are offered one at a time as they are
 * parsed; only those holding a wanted place are walked, so a large multi-document file with
 * one finding costs one document's walk. A place no parsed scalar holds gets the path its
 * lines' key structure gives.
 */
export class PathFinder {
  private readonly wanted: number[];
  private readonly entries: ScalarEntry[] = [];
  private sorted = true;

  constructor(private readonly file: YamlText, places: Array<{ line: number; column: number }>) {
    this.wanted = places.map((p) => file.offsetOf(p.line, p.column)).sort((a, b) => a - b);
  }

  /** Documents with parse errors give no paths (the line structure serves there). */
  add(d: YamlDoc): void {
    const root = d.doc.contents;
    if (d.doc.errors.length > 0 || !root?.range) return;
    if (!this.wants(root.range[0] + d.base, root.range[2] + d.base)) return;
    collect(root, [], this.entries, d.base);
    this.sorted = false;
  }

  /** Every wanted place lies before this document: later ones need not be parsed. */
  passed(d: YamlDoc): boolean {
    return this.wanted.length === 0 || this.wanted[this.wanted.length - 1] < d.doc.range[0] + d.base;
  }

  pathAt(line: number, column: number): string | undefined {
    if (!this.sorted) {
      this.entries.sort((a, b) => a.start - b.start);
      this.sorted = true;
    }
    const e = entryAt(this.entries, this.file.offsetOf(line, column));
    return e ? e.path : this.file.linePath(line);
  }

  /** Any wanted offset within [from, to]? */
  private wants(from: number, to: number): boolean {
    const w = this.wanted;
    const lo = lowerBound(w.length, (i) => w[i] < from);
    return lo < w.length && w[lo] <= to;
  }
}

function entryAt(es: ScalarEntry[], off: number): ScalarEntry | undefined {
  // The last entry starting at or before `off`.
  const found = lowerBound(es.length, (i) => es[i].start <= off) - 1;
  return found >= 0 && off < es[found].end ? es[found] : undefined;
}

function collect(node: unknown, path: string[], out: ScalarEntry[], base: number): void {
  if (isScalar(node)) {
    if (node.range) out.push({ start: node.range[0] + base, end: node.range[1] + base, path: joinPath(path) });
  } else if (isMap(node)) {
    for (const p of node.items) {
      if (!isPair(p)) continue;
      const key = keyText(p.key);
      if (key === undefined) continue;
      const here = [...path, segment(key)];
      if (isScalar(p.key) && p.key.range) out.push({ start: p.key.range[0] + base, end: p.key.range[1] + base, path: joinPath(here) });
      collect(p.value, here, out, base);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => collect(item, [...path, `[${i}]`], out, base));
  }
}

export function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return key.value === null || key.value === undefined ? undefined : String(key.value);
  return undefined;
}
