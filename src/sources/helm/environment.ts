const VALUES_FILE = /^values(?:[-._]([^/]+?))?\.ya?ml$/i;

/**
 * The environment a values file configures, from its name: `values.yaml` is `default`,
 * `values-prod.yaml` / `values.prod.yaml` / `values_prod.yaml` are `prod`. Only files at a
 * chart's root are values files; anything else has no environment.
 */
export function environmentOf(pathInChart: string): string | undefined {
  if (pathInChart.includes('/')) return undefined;
  const m = VALUES_FILE.exec(pathInChart);
  if (!m) return undefined;
  return m[1] ?? 'default';
}
