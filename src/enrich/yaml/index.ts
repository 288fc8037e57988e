export { withYamlEnrichment } from './with-yaml-enrichment.js';
export { YamlStage, isYamlName, type YamlEnrichmentOptions } from './stage.js';
export { YAML_HYGIENE_RULES, secretLikeName, type HygieneRuleId } from './hygiene-rules.js';
