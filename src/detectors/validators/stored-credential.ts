import type { ValidationResult, Validator } from './types.js';

// A value in a credential-store file (.pgpass, .netrc, wp-config.php...) is a credential
// because of where it sits, however it looks: weakness is a reason to rotate, not a reason
// to stay silent. Only what is not a value goes: empty, masked, locked, a reference, a
// template's stand-in (`put your unique phrase here`).
const NOT_A_VALUE = /^(?:[*!xX#?.~-]+|none|null|nil|undefined|""|''|true|false|yes|no|on|off|\d{1,3})$/i;
const REFERENCE = /^(?:[a-z][a-z0-9+.-]*:\/\/[^@\s]*|(?:\.{0,2}\/|~\/|[A-Za-z]:\\)[^\s]*|(?:env|ENV|file|vault|secret|ssm|aws-ssm|arn|op|sops|ref|keyvault|cipher):[^\s]*|\$\{?[A-Za-z_][\w.]*\}?|ENC\([^)]*\))$/;
const HASH = /^(?:\$[0-9a-z]{1,8}\$\S{8,}|\{(?:SHA|SSHA|SHA256|SHA512|SSHA256|SSHA512|MD5|SMD5|CRYPT)\}\S{8,})$/i;
// What people type when they pick a password by hand: a common one, or a word and a few digits.
const WEAK = /^(?:pass(?:word|wd)?|admin|root|test|guest|user|demo|default|secret|changeit|letmein|welcome|qwerty|abc|p@ssw0rd|passw0rd|[a-z]+)[-_.@!]?\d{0,4}[!.]?$|^\d{4,8}$/i;
const STAND_IN = /\b(?:your|my)[-_ ]?\w*(?:password|pass|token|secret|key)\b|put your unique phrase here|placeholder|example|sample|dummy|redacted|replace[-_ ]?me|change[-_ ]?me|<[^>]*>|xxxx/i;

/** The policy above for a plain value. */
export function judgeStoredValue(value: string): ValidationResult {
  const v = value.trim();
  // Templating (`${VAR}`, `{{ }}`, ERB) never reaches here: the engine's gate drops it first.
  if (v.length === 0 || NOT_A_VALUE.test(v) || REFERENCE.test(v) || STAND_IN.test(v)) return { valid: false };
  // A password hash is judged by the password behind it, which nobody here can see.
  if (HASH.test(v)) return { valid: true, confidence: 'high' };
  if (WEAK.test(v) || v.length < 8) return { valid: true, confidence: 'high', note: 'weak value (short or common): rotate it all the same' };
  return { valid: true, confidence: 'high' };
}

/** Inside an XML comment (`<!-- <password>repopwd</password> -->` in Maven's shipped settings.xml): documentation. */
function inXmlComment(data: Buffer, start: number): boolean {
  const before = data.toString('latin1', Math.max(0, start - 64 * 1024), start);
  return before.lastIndexOf('<!--') > before.lastIndexOf('-->');
}

export const storedCredential: Validator = (secret, ctx) => (ctx && inXmlComment(ctx.data, ctx.start) ? { valid: false } : judgeStoredValue(secret));

/** Base64 of `user:password` or of a password (docker `auth`, .npmrc `_auth`/`_password`): judged on the decoded password. */
export const storedBase64Credential: Validator = (secret) => {
  const s = secret.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(s)) return { valid: false };
  const text = Buffer.from(s, 'base64').toString('utf8');
  if (!/^[\x20-\x7e]+$/.test(text)) return { valid: false };
  const colon = text.indexOf(':');
  return judgeStoredValue(colon >= 0 ? text.slice(colon + 1) : text);
};
