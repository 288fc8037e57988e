import { Scanner } from '../engine/scanner.js';
import { loadFingerprintKey } from '../engine/fingerprint.js';
import type { Source } from '../sources/source.js';
import { Progress } from '../util/progress.js';
import type { Settings } from './settings.js';
import { excluding, interruptible } from './source-wrappers.js';
import { scanSource, type SourceResult } from './scan-source.js';
import { processRedactor } from '../redact/index.js';
import { withoutContexts } from '../engine/contexts.js';
import { runInterrupt } from './interrupt.js';
import type { Allowlist } from '../policy/types.js';
import { valuePatternMatcher } from './allowlist.js';

/**
 * The engine side of one run: the fingerprint key and the worker pool, made on first use (a
 * merge never needs them), and `scan`, which every source of the run goes through, so the
 * input settings (excludes) apply to every kind of source the same way.
 */
export class EngineSession {
  private scannerInstance?: Scanner;
  private key?: Buffer;

  /** Set when a signal cut the reading short. */
  readonly interrupt = runInterrupt;

  constructor(readonly settings: Settings, private readonly label: string, private readonly allow?: Allowlist) {}

  get fingerprintKey(): Buffer {
    return (this.key ??= loadFingerprintKey());
  }

  get scanner(): Scanner {
    const d = this.settings.detection;
    return (this.scannerInstance ??= new Scanner({
      catalogueDir: d.rules,
      threads: d.threads,
      fingerprintKey: this.fingerprintKey,
      showSecrets: d.showSecrets,
      minConfidence: d.minConfidence,
      onSecret: (s) => processRedactor.add(s),
      allowValue: this.allow ? valuePatternMatcher(this.allow) : undefined,
      onNotice: (m) => process.stderr.write(`credsweep: warning: ${m}\n`),
    }));
  }

  /** A progress line for one target, when progress is on (it draws only on a terminal). */
  progress(label = this.label): Progress | undefined {
    return this.settings.output.progress ? new Progress(label) : undefined;
  }

  async scan(source: Source, progress?: Progress): Promise<SourceResult> {
    const result = await scanSource(interruptible(excluding(source, this.settings.input.exclude), this.interrupt), this.scanner, progress);
    // After the source placed every finding: an image reports one scan of some bytes at several paths, each with its own context.
    result.findings = withoutContexts(result.findings, this.settings.detection.skipContexts);
    if (this.interrupt.reason) result.errors.push({ where: source.name, message: this.interrupt.reason });
    // A finding that carries its value (--show-secrets) teaches the redactor too; without the
    // flag no value stays on a finding.
    for (const f of result.findings) {
      processRedactor.add(f.secret);
      if (!this.settings.detection.showSecrets) delete f.secret;
    }
    return result;
  }

  /** Hits the policy's value patterns dropped. */
  get allowedValues(): number {
    return this.scannerInstance?.stats.allowed ?? 0;
  }

  async close(): Promise<void> {
    await this.scannerInstance?.close();
  }
}
