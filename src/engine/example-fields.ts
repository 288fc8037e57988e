// API descriptions (OpenAPI, Swagger, AsyncAPI, JSON Schema) carry sample values in
// `example:` / `examples:` / `x-example` fields: tokens there illustrate a request, and the
// same spec is copied into every version of a repository. Recognised by indentation, which
// both YAML and pretty-printed JSON have.
import type { LineIndex } from './line-index.js';

const SPEC_NAME = /\.(ya?ml|json)$/i;
const SPEC_MARKER = /^[ \t]*["']?(openapi|swagger|asyncapi|\$schema)["']?[ \t]*:/m;
const EXAMPLE_KEY = /^[ \t]*(?:-[ \t]+)?["']?(?:examples?|x-examples?|x-example-value)["']?[ \t]*:/;
const MAX_LINES_UP = 400;

/** A YAML or JSON file that declares itself an API description or schema in its first 4 KB. */
export function isApiDescription(name: string | undefined, data: Buffer): boolean {
  if (!name || !SPEC_NAME.test(name)) return false;
  return SPEC_MARKER.test(data.toString('latin1', 0, Math.min(4096, data.length)));
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
