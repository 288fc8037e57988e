import { workerData } from 'node:worker_threads';
import { compileCatalogue } from './compile.js';
import { detectBatch } from './batch-detect.js';
import type { BatchResult, BatchTask, WorkerConfig } from './protocol.js';

// Compiled once per worker thread, at load.
const cfg = workerData as WorkerConfig;
const catalogue = compileCatalogue(cfg.catalogue);
const key = Buffer.from(cfg.fingerprintKey, 'hex');

export default function run(task: BatchTask): BatchResult {
  // The main thread starts the batch's time budget now, not while it waited in the queue.
  task.started?.postMessage(0);
  task.started?.close();
  return detectBatch(catalogue, task, key, cfg.minConfidence);
}
