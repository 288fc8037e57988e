import { workerData } from 'node:worker_threads';
import { compileCatalogue } from './compile.js';
import { detectBatch } from './batch-detect.js';
import type { BatchTask, WorkerConfig, WorkerHit } from './protocol.js';

// Compiled once per worker thread, at load.
const cfg = workerData as WorkerConfig;
const catalogue = compileCatalogue(cfg.catalogue);
const key = Buffer.from(cfg.fingerprintKey, 'hex');

export default function run(task: BatchTask): WorkerHit[] {
  return detectBatch(catalogue, task, key);
}
