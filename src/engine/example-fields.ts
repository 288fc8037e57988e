// API descriptions (OpenAPI, Swagger, AsyncAPI, JSON Schema) and rule catalogues carry
// sample values in `example:` / `examples:` / `x-example` fields: tokens there illustrate a
// request or a format, and the same spec is copied into every version of a repository.
// Recognised by indentation, which both YAML and pretty-printed JSON have.
import type { LineIndex } from './line-index.js';

const STRUCTURED_NAME = /\.(ya?ml|json)$/i;
// Rule catalogues list counter-examples beside examples: samples all the same.
const EXAMPLE_WORD = /["']?(?:examples?|x-examples?|x-example-value|negatives|counter-?examples)["']?[ \t]*:/;
const EXAMPLE_KEY = /^[ \t]*(?:-[ \t]+)?["']?(?:examples?|x-examples?|x-example-value|negatives|counter-?examples)["']?[ \t]*:/;
const MAX_LINES_UP = 400;

/** A YAML or JSON file with an example key anywhere: only those need the walk up. */
export function mayHoldExampleFields(name: string | undefined, data: Buffer): boolean {
  if (!name || !STRUCTURED_NAME.test(name)) return false;
  return EXAMPLE_WORD.test(data.toString('latin1'));
}

const indentOf = (line: string) => /^[ \t-]*/.exec(line)![0].replace(/-/g, ' ').length;

/** The value at `pos` sits inside an `example(s):` field (its own key or an enclosing one). */
export function inExampleField(data: Buffer, lines: LineIndex, pos: number): boolean {
  let end = lines.lineEnd(pos);
  let start = lines.lineStart(pos);
  let line = data.toString('utf8', start, end);
  if (EXAMPLE_KEY.test(line)) return true;
  let indent = indentOf(line);
  for (let n = 0; n < MAX_LINES_UP && start > 0 && indent > 0; n++) {
    end = start - 1;
    start = lines.lineStart(end);
    line = data.toString('utf8', start, end);
    if (line.trim() === '' || /^\s*#/.test(line)) continue;
    const i = indentOf(line);
    if (i >= indent) continue;
    if (EXAMPLE_KEY.test(line)) return true;
    indent = i;
  }
  return false;
}
