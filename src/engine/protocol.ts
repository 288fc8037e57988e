import type { Catalogue } from '../detectors/rule.js';
import type { Confidence, EmbeddedDates } from '../types.js';

/** What the main thread sends a worker: one buffer holding many chunks back to back. */
export interface BatchTask {
  buf: ArrayBuffer;
  items: Array<{ start: number; end: number; name?: string }>;
}

/** One hit as it leaves a worker: located and fingerprinted, the secret itself only with --show-secrets. */
export interface WorkerHit {
  item: number;
  ruleId: string;
  confidence: Confidence;
  validated: boolean;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fingerprint: string;
  preview: string;
  secretLength: number;
  key?: string;
  decoded?: string;
  dates?: EmbeddedDates;
  notes?: string[];
  pairedWith?: { ruleId: string; fingerprint: string; preview: string };
  secret?: string;
}

export interface WorkerConfig {
  /** The catalogue the main thread loaded and validated, without examples: parsed once, not per worker. */
  catalogue: Catalogue;
  fingerprintKey: string;
  showSecrets: boolean;
}
