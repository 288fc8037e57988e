export { parsePolicy, PolicyError } from './parse.js';
export { loadPolicy, POLICY_FILE } from './load.js';
export { emptyPolicy, DEFAULT_MAX_AGE_DAYS, CONTEXT_KINDS, type Policy, type ContextKind, type EnvironmentRule } from './types.js';
