import type { VerifiedIdentity } from '../hygiene/types.js';
import type { HttpAnswer } from './http.js';
import type { AnswerMatch, IdentitySpec } from './spec.js';

/** The body as JSON, or undefined when it is not JSON (a malformed answer). */
export function jsonOf(a: HttpAnswer): unknown {
  try {
    return JSON.parse(a.body);
  } catch {
    return undefined;
  }
}

/** `a.b`, `list[].field`, `list[0].x` over parsed JSON; a `[]` step maps over an array. */
export function pick(doc: unknown, path: string): unknown {
  let cur: unknown[] = [doc];
  let mapped = false;
  for (const raw of path.split('.')) {
    const m = /^([^[\]]*)(\[(\d*)\])?$/.exec(raw);
    if (!m) return undefined;
    const [, key, br, idx] = m;
    cur = cur.map((c) => (key === '' ? c : c && typeof c === 'object' ? (c as Record<string, unknown>)[key] : undefined));
    if (br !== undefined) {
      if (idx === '') {
        mapped = true;
        cur = cur.flatMap((c) => (Array.isArray(c) ? c : []));
      } else cur = cur.map((c) => (Array.isArray(c) ? c[Number(idx)] : undefined));
    }
  }
  return mapped ? cur.filter((x) => x !== undefined) : cur[0];
}

export function matches(a: HttpAnswer, m: AnswerMatch, doc: () => unknown): boolean {
  if (m.status && !m.status.includes(a.status)) return false;
  if (m.body !== undefined && !a.body.includes(m.body)) return false;
  if (m.header) for (const [h, v] of Object.entries(m.header)) if (a.headers[h] !== v) return false;
  if (m.json) {
    const d = doc();
    if (d === undefined) return false;
    for (const [path, want] of Object.entries(m.json)) {
      const got = pick(d, path);
      if (want === 'present' ? got === undefined || got === null : got !== want) return false;
    }
  }
  return true;
}

const SHORT = 200;
const clip = (s: string) => (s.length > SHORT ? `${s.slice(0, SHORT)}…` : s);

/** Identity fields the answer carries, as the verifier says where to read them. */
export function identityOf(a: HttpAnswer, spec: IdentitySpec, doc: () => unknown): VerifiedIdentity | undefined {
  const read = (where: string | undefined): unknown => {
    if (!where) return undefined;
    const [kind, ...rest] = where.split(':');
    const path = rest.join(':');
    return kind === 'header' ? a.headers[path.toLowerCase()] : pick(doc(), path);
  };
  const out: VerifiedIdentity = {};
  const account = read(spec.account);
  if (typeof account === 'string' || typeof account === 'number') out.account = clip(String(account));
  const scopes = read(spec.scopes);
  const list = Array.isArray(scopes) ? scopes.map(String) : typeof scopes === 'string' ? scopes.split(/[\s,]+/) : [];
  if (list.filter(Boolean).length) out.scopes = list.filter(Boolean).slice(0, 50).map(clip);
  const exp = read(spec.expiresAt);
  if (typeof exp === 'string' && exp) out.expiresAt = clip(exp);
  else if (typeof exp === 'number') out.expiresAt = new Date(exp * (exp < 1e12 ? 1000 : 1)).toISOString();
  return Object.keys(out).length ? out : undefined;
}
