import { preview } from '../engine/fingerprint.js';
import { ValueIndex } from './value-index.js';

/** Secrets shorter than this are too common as plain words to be found reliably; never registered. */
const MIN_LENGTH = 4;
/** Texts from this length on are remembered clean for the rest of the task (see `clean`). */
const CLEAN_CACHE_MIN = 1024 * 1024;

/**
 * Knows every secret of the run (every finding at any confidence, credentials in URLs on the
 * command line, the GitHub token) and replaces each in any string with its redacted preview.
 * Every string that leaves the process passes through one of these: report files, stdout and
 * stderr, issue bodies, inventory scopes, the Action's outputs.
 */
export class Redactor {
  private readonly values = new Map<string, string>();
  /** Below 8 characters a secret is replaced only where it stands alone (see ValueIndex). */
  private index?: ValueIndex;
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
    this.index = undefined;
    this.clean = undefined;
  }

  /**
   * A large text just found clean, until the current task ends: a report is redacted where it
   * is rendered and then again by the stdout guard, in the same task, and the second pass over
   * it (seconds for a 100 MB history report) would find nothing the first did not. Dropped at
   * the next microtask, so the redactor never keeps a report alive.
   */
  private clean?: string;

  /** `always`: even with --show-secrets (what goes to GitHub never carries a value). */
  redact(text: string, always = false): string {
    if ((!this.enabled && !always) || this.values.size === 0 || !text) return text;
    if (text === this.clean) return text;
    const parts: string[] = [];
    let last = 0;
    this.matcher().scan(text, (at, value) => {
      parts.push(text.slice(last, at), this.values.get(value)!);
      last = at + value.length;
    });
    if (parts.length === 0) {
      if (text.length >= CLEAN_CACHE_MIN && this.clean === undefined) {
        this.clean = text;
        queueMicrotask(() => (this.clean = undefined));
      }
      return text;
    }
    parts.push(text.slice(last));
    return parts.join('');
  }

  /** True when `text` holds a known secret (used to refuse, where replacing is not enough). */
  leaks(text: string): boolean {
    if (this.values.size === 0 || !text) return false;
    let hit = false;
    this.matcher().scan(text, () => (hit = true) && false);
    return hit;
  }

  /** A secret that contains another is replaced whole: the longest match at a place wins. */
  private matcher(): ValueIndex {
    return (this.index ??= new ValueIndex(this.values.keys()));
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
