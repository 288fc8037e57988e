import type { Report } from './model.js';
import { originPath } from './origin.js';
import { baselineOf } from '../baseline/baseline.js';
import { renderBaseline } from '../baseline/baseline-file.js';

/**
 * `--format baseline`: the run's credentials as a baseline file. With the run's own baseline
 * loaded (`--baseline`, or the default file), reasons written there are kept.
 */
export function renderBaselineReport(r: Report): string {
  const creds = r.credentials.map((c) => ({ ...c, location: `${originPath(c.findings[0].origin)}:${c.findings[0].line}` }));
  return renderBaseline(baselineOf(creds, r.baseline?.entries ?? []));
}
