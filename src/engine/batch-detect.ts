import type { CompiledCatalogue } from './compile.js';
import { detect, type RawMatch } from './detect.js';
import { fingerprint, isSlowFingerprint, preview } from './fingerprint.js';
import { LineIndex } from './line-index.js';
import type { BatchResult, BatchTask, WorkerHit } from './protocol.js';
import { newWorkMeter } from './work-meter.js';
import { asUtf8 } from '../util/text-encoding.js';
import { formatOfPath } from '../detectors/file-formats.js';
import { CONFIDENCE_ORDER } from '../types.js';

/**
 * Runs detection over every chunk of a batch and turns raw matches into located, fingerprinted
 * hits. A hit below `minConfidence` (a CONFIDENCE_ORDER rank) is dropped by the main thread, so
 * it gets no slow (scrypt) fingerprint: `fingerprint` is '' (a history full of test passwords
 * spent most of its scan on them).
 */
export function detectBatch(cat: CompiledCatalogue, task: BatchTask, key: Buffer, minConfidence = 0): BatchResult {
  const all = Buffer.from(task.buf);
  const work = newWorkMeter();
  const out: WorkerHit[] = [];
  task.items.forEach((it, item) => {
    // Sources that hand bytes over as they are (git blobs, image files) may send UTF-16 text.
    const data = asUtf8(all.subarray(it.start, it.end));
    const lines = new LineIndex(data, work);
    const hits = detect(cat, data, { name: it.name, meter: work, lines });
    if (hits.length === 0) return;
    // All columns in one pass: many hits can share one long line.
    const columns = lines.columnsOf(hits.flatMap((h) => [h.start, h.end]));
    const format = formatOfPath(it.name)?.id;
    for (const h of hits) {
      const hit = toHit(h, item, lines, columns, key, minConfidence);
      if (format) hit.fileFormat = format;
      out.push(hit);
    }
  });
  return { hits: out, work };
}

function toHit(h: RawMatch, item: number, lines: LineIndex, columns: Map<number, number>, key: Buffer, minConfidence: number): WorkerHit {
  const hit: WorkerHit = {
    item,
    ruleId: h.rule.spec.id,
    confidence: h.confidence,
    validated: h.validated,
    line: lines.lineOf(h.start),
    column: columns.get(h.start)!,
    endLine: lines.lineOf(h.end),
    endColumn: columns.get(h.end)!,
    fingerprint: CONFIDENCE_ORDER[h.confidence] < minConfidence && isSlowFingerprint(key, h.secret) ? '' : fingerprint(key, h.secret),
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
