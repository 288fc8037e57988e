import type { Report } from './model.js';

export const JSON_SCHEMA_VERSION = 1;

/**
 * Stable JSON (schema documented in README): findings are flat; credentials refer to
 * them by index so no finding is written twice.
 */
export function renderJson(r: Report): string {
  const index = new Map(r.findings.map((f, i) => [f, i]));
  const doc = {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: r.tool,
    target: r.target,
    startedAt: r.startedAt,
    stats: r.stats,
    summary: {
      findings: r.findings.length,
      credentials: r.credentials.length,
      bySeverity: countBy(r.credentials.map((c) => c.severity)),
      byFlag: countBy(r.credentials.flatMap((c) => c.flags)),
      skipped: r.skipped.length,
      errors: r.errors.length,
      ignored: r.ignored,
      baselined: r.credentials.filter((c) => c.baselined).length,
    },
    credentials: r.credentials.map(({ findings, ...c }) => ({ ...c, findings: findings.map((f) => index.get(f)) })),
    findings: r.findings.map((f) => (r.showSecrets ? f : withoutSecret(f))),
    skipped: r.skipped,
    errors: r.errors,
    ...(r.unusedIgnores ? { unusedIgnores: r.unusedIgnores } : {}),
    ...(r.baseline?.unused ? { unusedBaseline: r.baseline.unused } : {}),
    ...(r.allowed ? { allowed: r.allowed } : {}),
    ...(r.inventory ? { inventory: r.inventory } : {}),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

function withoutSecret<T extends { secret?: string }>(f: T): Omit<T, 'secret'> {
  const { secret: _s, ...rest } = f;
  return rest;
}

function countBy(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}
