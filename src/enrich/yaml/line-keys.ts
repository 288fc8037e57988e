// Fallback yaml paths for files the parser cannot read (templates whose actions change the
// structure, broken values files): each line's `key:` and its indentation give the path,
// the way a reader of the file would see it. List items get their index among siblings.

const KEY_LINE = /^(\s*)(-\s+)?(?:"([^"]*)"|'([^']*)'|([^\s#'"{][^:#]*?))\s*:(?:\s|$)/;
const ITEM_LINE = /^(\s*)-(?:\s|$)/;

interface Frame {
  indent: number;
  segment: string;
  isItem: boolean;
  /** Index counter for list items directly below this frame. */
  items: Map<number, number>;
}

/** The yaml path of the key on `line` (1-based), or of the innermost key above it. */
export function lineKeyPath(lines: string[], line: number): string | undefined {
  const stack: Frame[] = [];
  const rootItems = new Map<number, number>();
  let last: string | undefined;
  for (let i = 0; i < Math.min(line, lines.length); i++) {
    const text = lines[i];
    if (/^\s*(#|$)/.test(text)) continue;
    if (/^---/.test(text)) {
      stack.length = 0;
      rootItems.clear();
      continue;
    }
    const item = ITEM_LINE.exec(text);
    const indent = (item?.[1] ?? /^\s*/.exec(text)![0]).length;
    // A list may sit at its key's own indentation (`env:` then `- name:`): that key stays the parent.
    const above = (f: Frame) => f.indent > indent || (f.indent === indent && (!item || f.isItem));
    while (stack.length && above(stack[stack.length - 1])) stack.pop();
    const parent = stack[stack.length - 1];
    let prefix = '';
    let keyIndent = indent;
    if (item) {
      const counter = parent?.items ?? rootItems;
      const n = (counter.get(indent) ?? -1) + 1;
      counter.set(indent, n);
      prefix = `[${n}]`;
      keyIndent = indent + item[0].length - item[1].length;
      stack.push({ indent, segment: prefix, items: new Map(), isItem: true });
    }
    const k = KEY_LINE.exec(item ? ' '.repeat(keyIndent) + text.slice(keyIndent) : text);
    if (k) {
      const key = k[3] ?? k[4] ?? k[5].trim();
      stack.push({ indent: keyIndent, segment: segment(key), items: new Map(), isItem: false });
    }
    last = joinPath(stack.map((f) => f.segment));
  }
  return last || undefined;
}

export function segment(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : `[${JSON.stringify(key)}]`;
}

export function joinPath(segments: string[]): string {
  let out = '';
  for (const s of segments) out += s.startsWith('[') || out === '' ? s : `.${s}`;
  return out;
}
