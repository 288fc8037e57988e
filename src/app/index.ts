// What commands (and library users) call: the settings registry, the run path, and one job per command.
export { offerGroups, resolveSettings, intArg, sizeArg, OPTION_GROUPS, type GroupName } from './options.js';
export type { Settings } from './settings.js';
export { UsageError } from './usage-error.js';
export { runScan, type ScanJob, type Collected, type Sink } from './run-scan.js';
export { EngineSession } from './engine-session.js';
export { runInterrupt } from './interrupt.js';
export { scanSource, findingOrder, type SourceResult } from './scan-source.js';
export { dirJob } from './jobs/scan-dir.js';
export { stagedJob, stdinJob } from './jobs/scan-staged.js';
export { gitJob, type GitTarget } from './jobs/scan-git.js';
export { imageJob, type ImageTarget } from './jobs/scan-image.js';
export { helmJob, HELM_LIMITS, type HelmTarget } from './jobs/scan-helm.js';
export { actionJob, type ActionTarget } from './jobs/action.js';
export { sweepJob, type SweepTarget } from './jobs/sweep.js';
export { mergeJob } from './jobs/merge.js';
export { rulesListing } from './jobs/rules-list.js';
export { baselineFromReport } from './baseline-from-report.js';
