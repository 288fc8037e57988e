import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { Chunk, Confidence, Finding, ScanError } from '../types.js';
import { CONFIDENCE_ORDER } from '../types.js';
import { loadCatalogue } from '../detectors/catalogue.js';
import type { Catalogue, RuleSpec } from '../detectors/rule.js';
import { compileCatalogue, type CompiledCatalogue } from './compile.js';
import { detectBatch } from './batch-detect.js';
import type { BatchResult, BatchTask, WorkerConfig, WorkerHit } from './protocol.js';
import { runSecretValues, verifyContext } from './secret-values.js';
import { addWork, newWorkMeter, type WorkMeter } from './work-meter.js';
import { describeInput, describeFault, TimeBudgetExceeded } from './faults.js';
import { fingerprint } from './fingerprint.js';

export interface TimeBudget {
  baseMs: number;
  msPerMB: number;
}

export interface ScannerOptions {
  /** Folder of `*.yaml` rule files; defaults to the shipped `detectors/`. */
  catalogueDir?: string;
  /** Worker threads; 0 runs detection on the calling thread. Default: cores. */
  threads?: number;
  fingerprintKey: Buffer;
  /** Keep secret values on Findings (--show-secrets). */
  showSecrets?: boolean;
  /** Every secret value matched, at any confidence: for the run's redactor, never for output. */
  onSecret?: (secret: string) => void;
  /** Values the user allows (policy `allow.values` regexes): such hits are dropped and counted in `stats.allowed`. */
  allowValue?: (secret: string) => boolean;
  /** Findings below this are dropped. Default `medium`. */
  minConfidence?: Confidence;
  /** Target bytes per batch sent to a worker (default 2 MB). */
  batchBytes?: number;
  /**
   * How long a batch may run in a worker before the worker is stopped: `baseMs` plus
   * `msPerMB` for each megabyte of the batch. Default 30 s + 2 s/MB, a hundred times what
   * the engine needs on its worst inputs, so only a hang trips it.
   */
  timeBudget?: TimeBudget;
  /** Worker module (default `./worker.js`); tests give one that wraps it to inject faults. */
  workerFile?: string | URL;
  /** Said once when the engine changes how it runs (workers that cannot start: scanning on this thread). */
  onNotice?: (message: string) => void;
}

export interface EngineStats {
  chunks: number;
  bytes: number;
  batches: number;
  /** Hits dropped by `allowValue`. */
  allowed: number;
  /** Inputs scanned a second time, alone, after their batch failed. */
  retries: number;
  /** Work counted by the detectors (see WorkMeter), summed over every batch. */
  work: WorkMeter;
}

interface PendingBatch {
  chunks: Chunk[];
  bytes: number;
}

const DEFAULT_BUDGET: TimeBudget = { baseMs: 30_000, msPerMB: 2_000 };

/**
 * The engine's main-thread side: groups chunks into batches of about `batchBytes`, copies
 * each batch into one fresh ArrayBuffer that is transferred (not cloned) to a worker, and
 * turns worker hits back into Findings with their origins. Keeps at most two batches per
 * thread in flight, so a fast source cannot queue unbounded memory.
 *
 * A batch whose worker crashes, throws or overruns its time budget does not end the scan:
 * each of its inputs runs again alone on a worker of its own, and an input that fails
 * again becomes a ScanError naming it (in `errors`), while every other input is reported.
 */
const INLINE_MAX = 1024 * 1024;

export class Scanner {
  readonly catalogue: Catalogue;
  readonly stats: EngineStats = { chunks: 0, bytes: 0, batches: 0, allowed: 0, retries: 0, work: newWorkMeter() };
  /** Inputs the engine could not scan, with why; the caller reports them and exits 3. */
  readonly errors: ScanError[] = [];
  private readonly rules: Map<string, RuleSpec>;
  private workers?: Piscina;
  private retryWorkers?: Piscina;
  private compiled?: CompiledCatalogue;
  /** Some worker has picked up a batch: the worker module loads. */
  private workerStarted = false;
  /** Why workers could not start, once they failed before any batch ran; detection then runs here. */
  private workerFailure?: unknown;
  /** Batches waiting in a pool, stopped at once if its workers cannot start. */
  private readonly queued = new Set<AbortController>();
  private readonly batchBytes: number;
  /**
   * Shared buffers of twice `batchBytes` that batches are packed into and that come back free
   * when the worker answers: a fresh buffer per batch (transferred, then collected) made the
   * main thread allocate as many bytes as the whole scan, and its garbage collector run for them.
   */
  private readonly spareBuffers: SharedArrayBuffer[] = [];
  private readonly minConfidence: number;
  private readonly budget: TimeBudget;
  readonly threads: number;

  constructor(private readonly opts: ScannerOptions) {
    this.catalogue = loadCatalogue(opts.catalogueDir);
    this.rules = new Map(this.catalogue.rules.map((r) => [r.id, r]));
    this.threads = opts.threads ?? availableParallelism();
    this.batchBytes = opts.batchBytes ?? 2 * 1024 * 1024;
    this.minConfidence = CONFIDENCE_ORDER[opts.minConfidence ?? 'medium'];
    this.budget = opts.timeBudget ?? DEFAULT_BUDGET;
  }

  /** Started on the first batch that needs it: a scan smaller than one batch never pays for it. */
  private pool(): Piscina {
    return (this.workers ??= this.newPool(this.threads));
  }

  /** One worker, started on the first retry: never the worker that just failed. */
  private retryPool(): Piscina {
    return (this.retryWorkers ??= this.newPool(1));
  }

  private newPool(threads: number): Piscina {
    const workerData: WorkerConfig = {
      catalogue: { ...this.catalogue, rules: this.catalogue.rules.map((r) => ({ ...r, examples: [], negatives: [], verify: undefined })) },
      fingerprintKey: this.opts.fingerprintKey.toString('hex'),
      minConfidence: this.minConfidence,
    };
    const file = this.opts.workerFile ?? new URL('./worker.js', import.meta.url);
    const pool = new Piscina({
      filename: file instanceof URL ? file.href : file,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
      workerData,
    });
    // A worker that dies between tasks has nothing to report to; Piscina replaces it. Without
    // a listener the event would end the process. One that dies while loading (a broken
    // install) is not replaced, and the batches queued for it would wait forever: stop them,
    // and scan on this thread from then on.
    pool.on('error', (e: unknown) => this.workersCannotStart(e));
    return pool;
  }

  /** Until one batch has run in a worker, any worker failure means the module cannot load. */
  private workersCannotStart(e: unknown): void {
    if (this.workerStarted || this.workerFailure) return;
    this.workerFailure = e;
    this.opts.onNotice?.(`the scan workers could not start (${describeFault(e)}): scanning on the main thread instead`);
    for (const stop of this.queued) stop.abort(e);
  }

  private inline(): CompiledCatalogue {
    return (this.compiled ??= compileCatalogue(this.catalogue));
  }

  rule(id: string): RuleSpec | undefined {
    return this.rules.get(id);
  }

  /** Scans every chunk; yields findings as batches complete (not in input order). */
  async *scan(chunks: AsyncIterable<Chunk> | Iterable<Chunk>): AsyncGenerator<Finding> {
    // Keyed by batch number; the first to finish is taken, not the oldest, so one slow batch
    // does not leave the other workers idle behind it.
    const inFlight = new Map<number, Promise<{ n: number; found: Finding[] }>>();
    const limit = Math.max(2, this.threads * 2);
    let batches = 0;
    let pending: PendingBatch = { chunks: [], bytes: 0 };
    const flush = (last = false) => {
      if (pending.chunks.length === 0) return;
      // The whole input fits one small batch: scanning it here beats starting the workers.
      const here = this.threads === 0 || (last && !this.workers && inFlight.size === 0 && pending.bytes <= INLINE_MAX);
      const n = batches++;
      const done = this.runBatch(pending.chunks, here).then((found) => ({ n, found }));
      done.catch(() => {}); // a failure surfaces through the race below, not as an unhandled rejection
      inFlight.set(n, done);
      pending = { chunks: [], bytes: 0 };
    };
    const next = async () => {
      const { n, found } = await Promise.race(inFlight.values());
      inFlight.delete(n);
      return found;
    };
    for await (const chunk of chunks) {
      this.stats.chunks++;
      this.stats.bytes += chunk.data.length;
      pending.chunks.push(chunk);
      pending.bytes += chunk.data.length;
      if (pending.bytes >= this.batchBytes || pending.chunks.length >= 4096) flush();
      while (inFlight.size >= limit) yield* await next();
    }
    flush(true);
    while (inFlight.size > 0) yield* await next();
  }

  /** Convenience: every finding of every chunk, sorted by location. */
  async scanAll(chunks: AsyncIterable<Chunk> | Iterable<Chunk>): Promise<Finding[]> {
    const out: Finding[] = [];
    for await (const f of this.scan(chunks)) out.push(f);
    return out;
  }

  async close(): Promise<void> {
    await Promise.all([this.workers?.destroy(), this.retryWorkers?.destroy()]);
  }

  /** Detection on this thread: asked for (`threads: 0`), or the workers could not start. */
  private get onThisThread(): boolean {
    return this.threads === 0 || this.workerFailure !== undefined;
  }

  private async runBatch(chunks: Chunk[], here: boolean): Promise<Finding[]> {
    this.stats.batches++;
    try {
      return this.collect(chunks, here || this.onThisThread ? this.runInline(chunks) : await this.runPooled(this.pool(), chunks));
    } catch {
      return this.retry(chunks);
    }
  }

  /**
   * The batch failed: each input runs again alone, one after another, on the retry worker
   * (Piscina replaces it after a crash or a stop, so every try is on a sound worker). With
   * `threads: 0` (or workers that cannot start) the retry stays on this thread.
   */
  private async retry(chunks: Chunk[]): Promise<Finding[]> {
    const out: Finding[] = [];
    for (const c of chunks) {
      this.stats.retries++;
      try {
        out.push(...this.collect([c], this.onThisThread ? this.runInline([c]) : await this.runPooled(this.retryPool(), [c])));
      } catch (e) {
        this.errors.push({ where: describeInput(c), message: `not scanned: ${describeFault(e)}, on the first try and again alone` });
      }
    }
    return out;
  }

  private runInline(chunks: Chunk[]): BatchResult {
    return detectBatch(this.inline(), packBatch(chunks), this.opts.fingerprintKey, this.minConfidence);
  }

  /** Runs one batch in `pool`; its time budget starts when a worker picks it up, not while it queues. */
  private async runPooled(pool: Piscina, chunks: Chunk[]): Promise<BatchResult> {
    const total = chunks.reduce((n, c) => n + c.data.length, 0);
    const shared = total <= 2 * this.batchBytes ? (this.spareBuffers.pop() ?? new SharedArrayBuffer(2 * this.batchBytes)) : undefined;
    const task = packBatch(chunks, shared);
    const bytes = task.items.length ? task.items[task.items.length - 1].end : 0;
    const ms = Math.round(this.budget.baseMs + (this.budget.msPerMB * bytes) / (1024 * 1024));
    const stop = new AbortController();
    const { port1, port2 } = new MessageChannel();
    let timer: NodeJS.Timeout | undefined;
    this.queued.add(stop);
    port1.once('message', () => {
      this.workerStarted = true;
      this.queued.delete(stop);
      timer = setTimeout(() => stop.abort(new TimeBudgetExceeded(ms)), ms);
    });
    task.started = port2;
    try {
      // A shared buffer is seen by the worker, not moved to it; a one-off one is moved.
      const result = await pool.run(task, { transferList: shared ? [port2] : [task.buf as ArrayBuffer, port2], signal: stop.signal });
      // An answer proves the module loads even when the `started` message is lost: it comes on
      // another port, and closing port1 below drops it if the answer came first.
      this.workerStarted = true;
      return result;
    } catch (e) {
      // Failed before any worker took a batch: the worker module itself fails (Piscina hands
      // a load error to the first task).
      if (!stop.signal.aborted) this.workersCannotStart(e);
      throw stop.signal.aborted ? stop.signal.reason : e;
    } finally {
      this.queued.delete(stop);
      clearTimeout(timer);
      port1.close();
      // Settled: the worker is done with it (or was stopped, and its answer is dropped).
      if (shared) this.spareBuffers.push(shared);
    }
  }

  private collect(chunks: Chunk[], result: BatchResult): Finding[] {
    addWork(this.stats.work, result.work);
    const out: Finding[] = [];
    const lines = new Map<number, string[]>();
    for (const h of result.hits) {
      if (h.secret) {
        this.opts.onSecret?.(h.secret);
        const chunk = chunks[h.item];
        const text = () => lines.get(h.item) ?? (lines.set(h.item, chunk.data.toString('utf8').split('\n')), lines.get(h.item)!);
        const context = verifyContext(this.rules.get(h.ruleId), h.line, text);
        // A hit below the threshold came without its slow fingerprint (see detectBatch): it is
        // never reported, so only a verifier's context makes it worth remembering.
        if (h.fingerprint) runSecretValues.remember(h.fingerprint, h.secret, context);
        else if (context) runSecretValues.remember(fingerprint(this.opts.fingerprintKey, h.secret), h.secret, context);
      }
      if (h.secret && this.opts.allowValue?.(h.secret)) {
        this.stats.allowed++;
        continue;
      }
      if (!this.opts.showSecrets) delete h.secret;
      if (CONFIDENCE_ORDER[h.confidence] < this.minConfidence) continue;
      out.push(this.toFinding(h, chunks[h.item]));
    }
    return out;
  }

  private toFinding(h: WorkerHit, chunk: Chunk): Finding {
    const rule = this.rules.get(h.ruleId)!;
    const off = chunk.lineOffset ?? 0;
    const { item: _item, line, endLine, ...rest } = h;
    return {
      kind: 'rule',
      ruleName: rule.name,
      provider: rule.provider,
      origin: chunk.origin,
      line: line + off,
      endLine: endLine + off,
      ...rest,
    };
  }
}

/**
 * Copies chunks back to back into `shared`, or else into one fresh, unpooled buffer (pooled
 * Buffers share an ArrayBuffer and cannot be transferred).
 */
function packBatch(chunks: Chunk[], shared?: SharedArrayBuffer): BatchTask {
  const total = chunks.reduce((n, c) => n + c.data.length, 0);
  const buf = shared ? Buffer.from(shared, 0, total) : Buffer.allocUnsafeSlow(total);
  const items: BatchTask['items'] = [];
  let at = 0;
  for (const c of chunks) {
    c.data.copy(buf, at);
    items.push({ start: at, end: at + c.data.length, name: c.name ?? originPath(c) });
    at += c.data.length;
  }
  return { buf: shared ?? (buf.buffer as ArrayBuffer), items };
}

function originPath(c: Chunk): string | undefined {
  const o = c.origin;
  return 'path' in o ? o.path : undefined;
}
