import RE2 from 're2';
import type { RuleSpec } from '../detectors/rule.js';

/** A matched value and what its rule's verifier asked to be read beside it (a shop domain, an email). */
export interface HeldValue {
  value: string;
  context?: Record<string, string>;
}

/** Lines above and below a hit searched for a verifier's context values. */
const CONTEXT_LINES = 5;

/**
 * Every value the run matched, by fingerprint, in memory for the run only. It exists for
 * `--verify`, which must send a value to its provider; nothing here is ever written, logged or
 * put on a Finding (the report path sees Findings only). The run's redactor holds the same
 * values already, so keeping them here exposes nothing new.
 */
export class SecretValues {
  private readonly byFingerprint = new Map<string, HeldValue>();

  remember(fingerprint: string, value: string, context?: Record<string, string>): void {
    const had = this.byFingerprint.get(fingerprint);
    if (had?.context && !context) return;
    this.byFingerprint.set(fingerprint, context ? { value, context } : { value });
  }

  get(fingerprint: string): HeldValue | undefined {
    return this.byFingerprint.get(fingerprint);
  }

  get size(): number {
    return this.byFingerprint.size;
  }

  clear(): void {
    this.byFingerprint.clear();
  }
}

/** The process's values: filled by every Scanner of the run, read by the verify stage. */
export const runSecretValues = new SecretValues();

const compiled = new Map<string, RE2>();

/**
 * The rule's `verify.context` captures (name -> RE2 with one group), searched a few lines
 * around the hit: the only way to verify tokens that mean nothing without their shop or site.
 */
export function verifyContext(rule: RuleSpec | undefined, line: number, text: () => string[]): Record<string, string> | undefined {
  const ctx = (rule?.verify as { context?: Record<string, string> } | undefined)?.context;
  if (!ctx) return undefined;
  const lines = text();
  const at = line - 1; // 1-based, inside the chunk
  const near = lines.slice(Math.max(0, at - CONTEXT_LINES), at + CONTEXT_LINES + 1).join('\n');
  const out: Record<string, string> = {};
  for (const [name, src] of Object.entries(ctx)) {
    let re = compiled.get(src);
    if (!re) compiled.set(src, (re = new RE2(src, 'u')));
    const m = re.exec(near);
    if (m?.[1]) out[name] = m[1];
  }
  return Object.keys(out).length ? out : undefined;
}
