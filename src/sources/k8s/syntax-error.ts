import type { YamlSyntaxError } from './yaml-index.js';

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
