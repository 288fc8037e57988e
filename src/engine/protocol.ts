import type { Catalogue } from '../detectors/rule.js';
import type { Confidence, EmbeddedDates, FindingContext, Span } from '../types.js';
import type { WorkMeter } from './work-meter.js';
import type { MessagePort } from 'node:worker_threads';

/** What the main thread sends a worker: one buffer holding many chunks back to back (items say where). */
export interface BatchTask {
  /** Moved to the worker, or shared with it (the main thread reuses it once the batch is answered). */
  buf: ArrayBuffer | SharedArrayBuffer;
  items: Array<{ start: number; end: number; name?: string }>;
  /** Told when a worker starts the batch (transferred). */
  started?: MessagePort;
}

/** What a worker sends back for one batch. */
export interface BatchResult {
  hits: WorkerHit[];
  work: WorkMeter;
}

/** One hit as it leaves a worker: located and fingerprinted, the secret itself only with --show-secrets. */
export interface WorkerHit extends Span {
  item: number;
  ruleId: string;
  confidence: Confidence;
  validated: boolean;
  fingerprint: string;
  preview: string;
  secretLength: number;
  key?: string;
  decoded?: string;
  dates?: EmbeddedDates;
  notes?: string[];
  context?: FindingContext;
  fileFormat?: string;
  pairedWith?: { ruleId: string; fingerprint: string; preview: string };
  /** The matched value: always sent to the main thread (for its redactor), kept on the Finding only with --show-secrets. */
  secret?: string;
}

export interface WorkerConfig {
  /** The catalogue the main thread loaded and validated, without examples: parsed once, not per worker. */
  catalogue: Catalogue;
  fingerprintKey: string;
  /** Hits below this CONFIDENCE_ORDER rank are dropped by the main thread: no slow fingerprint for them. */
  minConfidence?: number;
}
