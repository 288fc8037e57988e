/**
 * Values that are clearly not real credentials: templating, env-var references,
 * placeholders and documented example keys. Used by every rule; generic rules also
 * need `looksRandom`.
 */

const TEMPLATE = [
  /\$\{[^}]*\}/, // ${VAR}, ${{ secrets.X }}
  /\{\{[^}]*\}\}/, // {{ .Values.x }}, mustache
  /^\{[A-Za-z_][\w.]*\}$/, // {auth_token}: str.format / f-string placeholders
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
  // RFC 6749 (OAuth 2.0) sample access/refresh tokens, client credentials and code.
  '2YotnFZFEjr1zCsicMWpAA',
  'tGzv3JOkF0XG5Qx2TlKWIA',
  'czZCaGRSa3F0MzpnWDFmQmF0M2JW',
  'SplxlOBeZQQYbYS6WxSbIA',
  'gX1fBat3bV',
  // RFC 5849 (OAuth 1.0) sample tokens and secrets.
  'nnch734d00sl2jdk',
  'pfkkdhi9sl3r4s00',
  'hh5s93j4hdidpola',
  'hdhd0244k9j7ao03',
  'kd94hf93k423kf44',
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'AKIAI44QH8DHBEXAMPLE',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
]);

export function isTemplated(s: string): boolean {
  return TEMPLATE.some((re) => re.test(s));
}

/** Stand-ins that test suites and docs assign to secret-named variables. */
const STAND_INS = /(?:^|[-_.])(?:test|testing|dev|local|demo|mock|stub|foo|bar|baz|qux|invalid|bogus|unused)(?:[-_.]|$)|^(?:secret|password|passwd|token|key|apikey|api[-_]key)[-_]?\d*$|^my[-_]?(?:secret|password|pass|token|key|api[-_]?key)|^x{3,}|x{6,}|(abc|xyz|123|000)\1{2,}|^(\w)\2{5,}|(\w)\3{7,}|(?:Personal)?Access[-_]?Token|YourToken|TokenHere|KeyHere|SecretHere/i;

export function isPlaceholder(s: string): boolean {
  if (DOCUMENTED_EXAMPLES.has(s)) return true;
  if (isTemplated(s)) return true;
  if (PLACEHOLDER_WORDS.test(s)) return true;
  if (STAND_INS.test(s)) return true;
  if (PLACEHOLDER_PASSWORD.test(s)) return true;
  // One character repeated, or a run like 0123456789 / abcdef...
  if (/^(.)\1+$/.test(s)) return true;
  if (/^(0123456789|1234567890|abcdefghij|abc123)/i.test(s) && s.length < 24) return true;
  return false;
}

/** Documented example keys that contain the word EXAMPLE are never real. */
export function isDocumentedExample(s: string): boolean {
  return DOCUMENTED_EXAMPLES.has(s) || /EXAMPLE(KEY)?$/.test(s);
}

/**
 * Passwords that documentation, templates and tutorials put in connection strings and
 * config files: the word itself, its usual stand-ins, masks and empty markers.
 */
const PLACEHOLDER_PASSWORD =
  /^(?:pass(?:word|wd|phrase)?\d{0,3}|pwd|pw|secret\d{0,3}|s3cr3t|changeit|changeme\d*|letmein|qwerty|hunter2|foo|bar|baz|foobar|test\d{0,3}|testing|admin|root|user|guest|demo|default|none|null|nil|empty|\*+|x+|\.+|-+|_+|\?+|#+|12345\d*|abc123|p@ssw0rd|passw0rd|pa\$\$w0rd|mysecret\w*|mypass\w*|your\w*|sekrit|s3kr1t|geheim\S*|hunter\d*|swordfish|opensesame|tiger|scott|supersecret\w*|secretpassword|pass123)$/i;

export function isPlaceholderPassword(pw: string): boolean {
  if (pw.length < 3) return true;
  if (isPlaceholder(pw)) return true;
  if (PLACEHOLDER_PASSWORD.test(pw)) return true;
  // printf/format and shell-ish markers: %s, %(password)s, {password}, {0}, :password, @password@
  if (/%[sd]|%\([a-z_]+\)s|^\{[A-Za-z0-9_.]*\}$|^:[a-z_]+$|^@[A-Za-z_]+@$|^\$[A-Za-z_]|^\$\(|^#\{/.test(pw)) return true;
  return false;
}

/** Hosts that only appear in documentation. */
const DOC_HOST = /(^|\.)(example\.(com|org|net)|example|invalid|localdomain\.test|your[-_]?[a-z]*|host(name)?|server|domain|db-host|dbhost|myhost|my-?server|some-?host|mydomain\.com|foo\.(com|bar)|acme\.com)$/i;
const LOCAL_HOST = /^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[?::1\]?|host\.docker\.internal|\S+\.localhost)$/i;

export function isDocumentationHost(host: string): boolean {
  return DOC_HOST.test(host);
}

export function isLocalHost(host: string): boolean {
  return LOCAL_HOST.test(host);
}
