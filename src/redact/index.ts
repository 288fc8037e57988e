import { Redactor } from './redactor.js';

export { Redactor, credentialsInArgs } from './redactor.js';
export { guardStreams } from './guard.js';
export { escapeControl } from './escape.js';

/** The process's redactor: one per run of the CLI, filled as secrets are found. */
export const processRedactor = new Redactor();
