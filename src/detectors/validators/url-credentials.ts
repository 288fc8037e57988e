import { isDocumentationHost, isLocalHost, isPlaceholderPassword } from '../../engine/placeholders.js';
import { looksRandom, notSecretShaped } from '../../engine/entropy.js';
import type { ValidationContext, ValidationResult, Validator } from './types.js';

export interface UrlParts {
  user: string;
  host: string;
}

/**
 * For a password captured from `scheme://user:password@host...` (or `user/password@host`),
 * reads the user before it and the host after it from the surrounding bytes.
 */
export function urlParts(ctx: ValidationContext | undefined): UrlParts | undefined {
  if (!ctx) return undefined;
  const { data, start, end } = ctx;
  const before = data.toString('latin1', Math.max(0, start - 160), start);
  const after = data.toString('latin1', end, Math.min(data.length, end + 160));
  const u = /(?:^|[/\s'"=:])([^\s:/@'"=]*)[:/]$/.exec(before);
  const h = /^@([^\s/:?#'",;)\]}>]*)/.exec(after);
  if (!h) return undefined;
  return { user: u?.[1] ?? '', host: h[1] };
}

function judge(secret: string, ctx: ValidationContext | undefined, needRandom: boolean): ValidationResult {
  let pw = secret;
  try {
    if (/%[0-9A-Fa-f]{2}/.test(pw)) pw = decodeURIComponent(pw);
  } catch {
    /* keep raw */
  }
  if (isPlaceholderPassword(pw)) return { valid: false };
  const parts = urlParts(ctx);
  if (parts) {
    const user = parts.user.toLowerCase();
    const host = parts.host.replace(/^\[|\]$/g, '').toLowerCase();
    if (user && user === pw.toLowerCase()) return { valid: false };
    if (/^(user(name)?|usr|login|name|your[-_]?\w*|my[-_]?user\w*|db[-_]?user|dbuser|someone|foo)$/.test(user) && !looksRandom(pw)) return { valid: false };
    if (isDocumentationHost(host)) return { valid: false };
    if (isLocalHost(host)) return { valid: true, confidence: 'low', note: 'local host (development default?)' };
  }
  if (needRandom && !looksRandom(pw)) return { valid: true, confidence: 'low', note: 'password looks like a word, not a generated secret' };
  return { valid: true, confidence: 'medium' };
}

/** Passwords in database and broker URLs: drop placeholders and documentation hosts; local hosts are low. */
export const urlCredentials: Validator = (secret, ctx) => judge(secret, ctx, false);

/** Passwords in generic `scheme://user:pass@host` URLs: as above, and word-like passwords are low. */
export const urlCredentialsGeneric: Validator = (secret, ctx) => judge(secret, ctx, true);

/** Passwords in key=value config (no host to judge): drop placeholders only. */
export const configPassword: Validator = (secret) => {
  if (isPlaceholderPassword(secret)) return { valid: false };
  // Code, not a value: self.password, unquote(password), getPassword(), PASSWORD_ENV_NAME.
  if (/[()]/.test(secret) || (notSecretShaped(secret) && !/\d/.test(secret))) return { valid: false };
  return { valid: true, confidence: 'medium' };
};
