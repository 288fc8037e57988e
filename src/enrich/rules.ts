import type { StructuralRule } from './rule.js';
import { YAML_HYGIENE_RULES } from './yaml/hygiene-rules.js';

/** Every rule the enrichment stages apply, for `rules list` and documentation. One line per stage. */
export const STRUCTURAL_RULES: readonly StructuralRule[] = [...YAML_HYGIENE_RULES];
