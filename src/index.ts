// The library API: a thin surface over the stages, so credsweep can be embedded as well as run.
export type * from './types.js';
export { Scanner, type ScannerOptions } from './engine/scanner.js';
export { loadCatalogue, CatalogueError } from './detectors/catalogue.js';
export type { Catalogue, RuleSpec } from './detectors/rule.js';
export { fingerprint, preview, loadFingerprintKey } from './engine/fingerprint.js';
export type { Source } from './sources/source.js';
export { DirSource } from './sources/dir/index.js';
export { scanSource } from './pipeline.js';
export { analyseCredentials } from './hygiene/analyse.js';
export type { Credential, Severity } from './hygiene/types.js';
export { renderJson } from './report/json.js';
export { renderSarif } from './report/sarif.js';
export { renderText } from './report/text.js';
export { EXIT } from './exit-codes.js';
