import type { CompiledCatalogue } from './compile.js';
import { detect, type RawMatch } from './detect.js';
import { fingerprint, preview } from './fingerprint.js';
import { LineIndex } from './line-index.js';
import type { BatchTask, WorkerHit } from './protocol.js';
import { formatOfPath } from '../detectors/file-formats.js';

/** Runs detection over every chunk of a batch and turns raw matches into located, fingerprinted hits. */
export function detectBatch(cat: CompiledCatalogue, task: BatchTask, key: Buffer): WorkerHit[] {
  const all = Buffer.from(task.buf);
  const out: WorkerHit[] = [];
  task.items.forEach((it, item) => {
    const data = all.subarray(it.start, it.end);
    const hits = detect(cat, data, { name: it.name });
    if (hits.length === 0) return;
    const lines = new LineIndex(data);
    const format = formatOfPath(it.name)?.id;
    for (const h of hits) {
      const hit = toHit(h, item, lines, key);
      if (format) hit.fileFormat = format;
      out.push(hit);
    }
  });
  return out;
}

function toHit(h: RawMatch, item: number, lines: LineIndex, key: Buffer): WorkerHit {
  const hit: WorkerHit = {
    item,
    ruleId: h.rule.spec.id,
    confidence: h.confidence,
    validated: h.validated,
    line: lines.lineOf(h.start),
    column: lines.columnOf(h.start),
    endLine: lines.lineOf(h.end),
    endColumn: lines.columnOf(h.end),
    fingerprint: fingerprint(key, h.secret),
    preview: preview(h.secret),
    secretLength: [...h.secret].length,
  };
  if (h.key) hit.key = h.key;
  if (h.decoded) hit.decoded = h.decoded;
  if (h.dates && Object.values(h.dates).some(Boolean)) hit.dates = h.dates;
  if (h.notes.length) hit.notes = h.notes;
  if (h.context) hit.context = h.context;
  if (h.paired) {
    hit.pairedWith = { ruleId: h.paired.rule.spec.id, fingerprint: fingerprint(key, h.paired.secret), preview: preview(h.paired.secret) };
  }
  // Always sent back: the main thread's redactor must know every value, even below the
  // confidence threshold; the Finding keeps it only with --show-secrets.
  hit.secret = h.secret;
  return hit;
}
