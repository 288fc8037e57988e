export { YamlEnricher, isYamlName, type YamlEnricherOptions, type ObservedYaml } from './enricher.js';
export { YamlIndex, type YamlSyntaxError } from './yaml-index.js';
export { analyseManifests, type ManifestAnalysis } from './manifest.js';
export { HYGIENE_RULES, secretLikeName } from './hygiene-rules.js';
export { describeSyntaxError } from './syntax-error.js';
