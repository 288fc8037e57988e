// Ordered vocabularies: rule confidence and credential severity. Their names, order and
// help text are defined here once; SARIF scores and annotation levels read them too.

export const CONFIDENCE_LEVELS = {
  low: { help: 'shape only: generic or keyword-less patterns, test and example contexts' },
  medium: { help: 'provider shape with a keyword or an assignment beside it' },
  high: { help: 'a distinctive provider prefix, or a checksum the validator verified' },
} as const;
export type Confidence = keyof typeof CONFIDENCE_LEVELS;
export const CONFIDENCE_NAMES = Object.keys(CONFIDENCE_LEVELS) as Confidence[];
export const CONFIDENCE_ORDER = Object.fromEntries(CONFIDENCE_NAMES.map((c, i) => [c, i])) as Record<Confidence, number>;

export const SEVERITIES = {
  low: { help: 'worth a look', securitySeverity: '3.0', sarifLevel: 'note', annotation: 'notice' },
  medium: { help: 'rotate soon', securitySeverity: '5.5', sarifLevel: 'warning', annotation: 'warning' },
  high: { help: 'rotate now', securitySeverity: '8.0', sarifLevel: 'error', annotation: 'error' },
  critical: { help: 'rotate now: live and stale or shared', securitySeverity: '9.5', sarifLevel: 'error', annotation: 'error' },
} as const;
export type Severity = keyof typeof SEVERITIES;
export const SEVERITY_NAMES = Object.keys(SEVERITIES) as Severity[];
export const SEVERITY_ORDER = Object.fromEntries(SEVERITY_NAMES.map((s, i) => [s, i])) as Record<Severity, number>;
