import type { ValidationContext, Validator } from './types.js';

/**
 * Names whose values are secret-named but not secrets (form fields, pagination cursors,
 * CSRF tokens, device push tokens) or are declared stand-ins (fake_, mock_, test_).
 */
const NOT_SECRET_NAME =
  /(?:^|[^a-z])(?:csrf|xsrf|anti[-_.]?forgery|page|next[-_.]?page|next|prev(?:ious)?|cursor|continuation|cancel(?:lation)?|sync|lexer|parser|device|push|fcm|apns|fake|test|dummy|mock|example|sample|stub|placeholder|old|new|current|reset|forgot|confirm|verify|repeat|retype|hashed|encrypted|salted|masked|invalid|wrong|bad|empty|initial|public|publishable)[-_.]?(?:access[-_.]?|auth[-_.]?|api[-_.]?|client[-_.]?|secret[-_.]?)?(?:password|passwd|pwd|pass|passphrase|secret|token|key|apikey|credentials?|creds)$/i;

/** The identifier right before the assignment that holds the secret. */
export function assignedNameAt(ctx: ValidationContext): string | undefined {
  const before = ctx.data.toString('latin1', Math.max(0, ctx.start - 200), ctx.start);
  const m = /([A-Za-z_$][\w$.-]*)["'\]]{0,2}\s*(?:=|:=|=>|:|\|\|=|\?\?=)\s*["'`]?$/.exec(before);
  return m?.[1];
}

/**
 * Generic assignments (`password = "..."`) already passed the placeholder and entropy
 * gates; this drops names that say the value is not a live credential. Generic hits stay
 * at medium confidence: nothing about the value proves it is a secret.
 */
export const genericAssignment: Validator = (_secret, ctx) => {
  if (ctx) {
    const name = assignedNameAt(ctx);
    if (name && NOT_SECRET_NAME.test(name)) return { valid: false };
    if (notAnAssignment(ctx)) return { valid: false };
  }
  return { valid: true, confidence: 'medium' };
};

/**
 * `secret:name` glued together inside a string is a URI, ARN or type path segment
 * (`arn:aws:secretsmanager:*:*:secret:db-*`, `AWS::AppSync::ApiKey`), not an assignment:
 * YAML needs a space after the colon and JSON quotes its keys.
 */
function notAnAssignment(ctx: ValidationContext): boolean {
  const line = ctx.data.toString('latin1', Math.max(0, ctx.start - 200), ctx.start);
  const tail = line.slice(line.lastIndexOf('\n') + 1);
  if (/::[A-Za-z_][\w]*["']?\s*[:=]\s*["']?$/.test(tail)) return true;
  return /[A-Za-z0-9_]:$/.test(tail) && /\barn:|[a-z][a-z0-9+.-]*:[^\s"']*:$/i.test(tail);
}
