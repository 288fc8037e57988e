// Enrichment stages: wrappers over any Source that observe its chunks and finish its findings
// with what structure tells (yaml paths, Kubernetes hygiene). Sources never import these.
export { withYamlEnrichment, YamlStage, YAML_HYGIENE_RULES, type YamlEnrichmentOptions } from './yaml/index.js';
export { STRUCTURAL_RULES } from './rules.js';
export type { StructuralRule } from './rule.js';
