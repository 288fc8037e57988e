/**
 * Values that are clearly not real credentials: templating, env-var references,
 * placeholders and documented example keys. Used by every rule; generic rules also
 * need `looksRandom`.
 */

const TEMPLATE = [
  /\$\{[^}]*\}/, // ${VAR}, ${{ secrets.X }}
  /\{\{[^}]*\}\}/, // {{ .Values.x }}, mustache
  /^\$[A-Z_][A-Z0-9_]*$/, // $VAR
  /^%[A-Z_][A-Z0-9_]*%$/, // %VAR%
  /<%=?[^%]*%>/, // ERB
  /^<[^>]+>$/, // <token>
  /^\[[^\]]+\]$/, // [your token]
  /process\.env\b|os\.environ|getenv\(|ENV\[/i,
];

const PLACEHOLDER_WORDS =
  /(your|my|the)[-_ ]?(api[-_ ]?)?(key|token|secret|password|pass)|placeholder|changeme|change[-_]me|replace[-_]?me|example|sample|dummy|redacted|insert[-_ ]|put[-_ ]your|enter[-_ ]your|xxxx|\*\*\*\*|\.\.\.\.|todo|fixme|notreal|not[-_]a[-_]real|fake|^(password|secret|token|passwd|pass|none|null|nil|undefined|true|false|test|testing|admin|root|default|string|empty)$/i;

/** Keys providers publish in their documentation; they are not leaks. */
const DOCUMENTED_EXAMPLES = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'AKIAI44QH8DHBEXAMPLE',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
]);

export function isTemplated(s: string): boolean {
  return TEMPLATE.some((re) => re.test(s));
}

export function isPlaceholder(s: string): boolean {
  if (DOCUMENTED_EXAMPLES.has(s)) return true;
  if (isTemplated(s)) return true;
  if (PLACEHOLDER_WORDS.test(s)) return true;
  // One character repeated, or a run like 0123456789 / abcdef...
  if (/^(.)\1+$/.test(s)) return true;
  if (/^(0123456789|1234567890|abcdefghij|abc123)/i.test(s) && s.length < 24) return true;
  return false;
}

/** Documented example keys that contain the word EXAMPLE are never real. */
export function isDocumentedExample(s: string): boolean {
  return DOCUMENTED_EXAMPLES.has(s) || /EXAMPLE(KEY)?$/.test(s);
}
