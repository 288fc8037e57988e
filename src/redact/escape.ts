/**
 * Makes an untrusted name (a file name, a path from an archive, a commit message) safe to print
 * on a terminal or a CI log: control characters become visible escapes, so a name cannot start a
 * new line (a workflow command such as `::stop-commands::`) or move the cursor or recolour text.
 */
export function escapeControl(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** `escapeControl` applied to every string inside a JSON-like value (a report before text rendering). */
export function escapeDeep<T>(v: T): T {
  if (typeof v === 'string') return escapeControl(v) as T;
  if (Array.isArray(v)) return v.map(escapeDeep) as T;
  if (v && typeof v === 'object' && !Buffer.isBuffer(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = escapeDeep(x);
    return out as T;
  }
  return v;
}
