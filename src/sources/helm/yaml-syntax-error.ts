import { Composer, LineCounter, Parser } from 'yaml';

/** Where a chart's YAML file stops parsing; never the offending text, which may hold a secret. */
export interface YamlSyntaxError {
  line: number;
  column: number;
  /** The parser's error code (`BAD_INDENT`...): its messages can quote the offending line. */
  code: string;
}

const WORDS: Record<string, string> = {
  BAD_INDENT: 'bad indentation',
  TAB_AS_INDENT: 'tab used as indentation',
  MULTILINE_IMPLICIT_KEY: 'implicit key spans lines',
  BLOCK_AS_IMPLICIT_KEY: 'block used as implicit key',
  MISSING_CHAR: 'missing character (unclosed quote or bracket)',
  UNEXPECTED_TOKEN: 'unexpected token',
  DUPLICATE_KEY: 'duplicate key',
  BAD_DQ_ESCAPE: 'bad escape in double-quoted string',
  BAD_SCALAR_START: 'bad start of a plain value',
  BAD_ALIAS: 'bad alias',
};

/** A message naming the place and the kind of error: parser messages can quote the line, which may be a secret. */
export function describeSyntaxError(e: YamlSyntaxError): string {
  return `invalid YAML at line ${e.line}, column ${e.column}: ${WORDS[e.code] ?? e.code.toLowerCase().replace(/_/g, ' ')}; scanned as plain text`;
}

const YAML_NAME = /\.ya?ml$/i;

export function isYamlName(path: string): boolean {
  return YAML_NAME.test(path);
}

/** Larger files are not checked: parsing is the slow part, and the scan reads them as text anyway. */
const MAX_CHECK_CHARS = 4 * 1024 * 1024;

/**
 * The first syntax error of a file that must be YAML (a values file), or none. A file holding
 * template actions is not held to it (charts template more than `templates/`).
 */
export function firstYamlError(data: Buffer): YamlSyntaxError | undefined {
  const text = data.toString('utf8');
  if (text.length > MAX_CHECK_CHARS || text.includes('{{')) return undefined;
  const counter = new LineCounter();
  const composer = new Composer({ uniqueKeys: false, strict: false });
  for (const doc of composer.compose(new Parser(counter.addNewLine).parse(text))) {
    const e = doc.errors[0];
    if (!e) continue;
    const pos = counter.linePos(e.pos[0]);
    return { line: pos.line, column: pos.col, code: e.code };
  }
  return undefined;
}
