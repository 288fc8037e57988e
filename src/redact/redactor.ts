import { preview } from '../engine/fingerprint.js';

/** Secrets shorter than this are too common as plain words to be found reliably; never registered. */
const MIN_LENGTH = 4;
/** Below this length a secret is replaced only where it stands alone (not inside a longer word). */
const SUBSTRING_LENGTH = 8;

/**
 * Knows every secret of the run (every finding at any confidence, credentials in URLs on the
 * command line, the GitHub token) and replaces each in any string with its redacted preview.
 * Every string that leaves the process passes through one of these: report files, stdout and
 * stderr, issue bodies, inventory scopes, the Action's outputs.
 */
export class Redactor {
  private readonly values = new Map<string, string>();
  private pattern?: RegExp;
  /** Off when the user asked for values with --show-secrets. */
  enabled = true;

  get size(): number {
    return this.values.size;
  }

  add(secret: string | undefined): void {
    if (!secret || secret.length < MIN_LENGTH || this.values.has(secret)) return;
    const shown = `[redacted ${preview(secret)}]`;
    // The forms a value takes when a report escapes it: JSON strings, URIs (SARIF), percent-encoding.
    const forms = new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURI(secret), encodeURIComponent(secret)]);
    for (const f of forms) if (!this.values.has(f)) this.values.set(f, shown);
    this.pattern = undefined;
  }

  /** `always`: even with --show-secrets (what goes to GitHub never carries a value). */
  redact(text: string, always = false): string {
    if ((!this.enabled && !always) || this.values.size === 0 || !text) return text;
    this.pattern ??= this.compile();
    return text.replace(this.pattern, (m) => this.values.get(m) ?? m);
  }

  /** True when `text` holds a known secret (used to refuse, where replacing is not enough). */
  leaks(text: string): boolean {
    if (this.values.size === 0 || !text) return false;
    this.pattern ??= this.compile();
    this.pattern.lastIndex = 0;
    const hit = this.pattern.test(text);
    this.pattern.lastIndex = 0;
    return hit;
  }

  private compile(): RegExp {
    // Longest first, so a secret that contains another is replaced whole.
    const sorted = [...this.values.keys()].sort((a, b) => b.length - a.length);
    const alts = sorted.map((v) => {
      const e = v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return v.length >= SUBSTRING_LENGTH ? e : `(?<![A-Za-z0-9])${e}(?![A-Za-z0-9])`;
    });
    return new RegExp(alts.join('|'), 'g');
  }
}

/** Credentials embedded in URLs among `args`: userinfo passwords and token-like query values. */
export function credentialsInArgs(args: string[]): string[] {
  const out: string[] = [];
  for (const a of args) {
    for (const m of a.matchAll(/\b[a-z][a-z0-9+.-]*:\/\/[^\s'"]+/gi)) {
      let u: URL;
      try {
        u = new URL(m[0]);
      } catch {
        continue;
      }
      if (u.password) out.push(decodeURIComponent(u.password));
      // `x-access-token:TOKEN@`, or a token alone as the user name (`https://TOKEN@github.com`).
      if (u.username && (u.password === '' ? u.username.length >= 20 : false)) out.push(decodeURIComponent(u.username));
      for (const [k, v] of u.searchParams) if (/token|key|secret|pass|sig|auth|credential/i.test(k) && v) out.push(v);
    }
  }
  return out;
}
