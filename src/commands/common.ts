import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { Command, Option } from 'commander';
import type { Confidence, ScanResult } from '../types.js';
import { Scanner } from '../engine/scanner.js';
import { loadFingerprintKey } from '../engine/fingerprint.js';
import type { Source } from '../sources/source.js';
import { scanSource } from '../pipeline.js';
import { IgnoreList } from '../ignore/ignore-file.js';
import { parseFailOn } from '../hygiene/fail-on.js';
import type { Report } from '../report/model.js';
import { buildReport } from '../report/build.js';
import { renderJson } from '../report/json.js';
import { renderSarif } from '../report/sarif.js';
import { renderText } from '../report/text.js';
import { Progress } from '../report/progress.js';
import { parseDays, parseSize } from '../util/size.js';
import { EXIT } from '../exit-codes.js';
import { loadPolicy } from '../policy/load.js';
import { Inventory } from '../inventory/inventory.js';
import { addGitHubOptions, runIssuesSink, type GitHubFlags } from '../github/sink-command.js';

/** Options every `scan` subcommand shares. */
export interface ScanOptions extends GitHubFlags {
  format: 'text' | 'json' | 'sarif';
  output?: string;
  threads: number;
  minConfidence: Confidence;
  showSecrets: boolean;
  maxFileSize: number;
  exclude: string[];
  ignoreFile: string;
  reportUnusedIgnores: boolean;
  /** Default: the policy's `failOn`, else `medium`. */
  failOn?: string;
  rules?: string;
  progress: boolean;
  /** Default: the policy's `maxAge`, else 90d. */
  maxAge?: string;
  /** Inventory SQLite file. */
  db?: string;
  /** Policy file (default: .credsweep.yaml in the working directory or the scan root). */
  config?: string;
  color?: boolean;
}

const collect = (v: string, prev: string[]) => [...prev, v];

export function addScanOptions(cmd: Command): Command {
  return addGitHubOptions(cmd)
    .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json', 'sarif']).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--threads <n>', 'worker threads (0 = scan on the main thread)', (v) => intArg(v, '--threads'), availableParallelism())
    .addOption(new Option('--min-confidence <level>', 'drop findings below this confidence').choices(['low', 'medium', 'high']).default('medium'))
    .option('--show-secrets', 'print secret values in reports (never the default)', false)
    .option('--max-file-size <size>', 'skip files larger than this (units: KB, MB, GB)', (v) => sizeArg(v, '--max-file-size'), parseSize('10MB'))
    .option('--exclude <glob>', '.gitignore-style path glob to skip (repeatable)', collect, [])
    .option('--ignore-file <file>', 'file of fingerprints to ignore', '.credsweepignore')
    .option('--report-unused-ignores', 'list ignore entries that matched nothing', false)
    .option('--fail-on <conditions>', 'comma list: none, any, new, low|medium|high|critical, stale, shared, expired, rotated, history-only (default: failOn from the policy, else medium)')
    .option('--rules <dir>', 'rule catalogue folder (default: the shipped detectors/)')
    .option('--max-age <duration>', 'rotation policy: credentials older than this are stale (e.g. 90d, 12w, 1y; default: maxAge from the policy, else 90d)')
    .option('--config <file>', 'policy file (default: .credsweep.yaml in the working directory, else in the scan root)')
    .option('--db <file>', 'inventory: SQLite file remembering credentials across runs (new / still open / fixed)')
    .option('--no-progress', 'no progress line on stderr');
}

export function intArg(v: string, name: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${name} must be a non-negative integer, got '${v}'`);
  return n;
}

export function sizeArg(v: string, name: string): number {
  try {
    return parseSize(v);
  } catch (e) {
    throw new UsageError(`${name}: ${(e as Error).message}`);
  }
}

export class UsageError extends Error {}

export function makeScanner(opts: ScanOptions): Scanner {
  return new Scanner({
    catalogueDir: opts.rules,
    threads: opts.threads,
    fingerprintKey: loadFingerprintKey(),
    showSecrets: opts.showSecrets,
    minConfidence: opts.minConfidence,
  });
}

/**
 * The shared tail of every scan command: engine -> ignore -> hygiene -> report -> exit code.
 * `open` builds the source once the scanner exists (some sources need the engine's catalogue).
 */
export async function runScanCommand(target: { kind: string; name: string }, opts: ScanOptions, open: (scanner: Scanner, progress?: Progress) => Source | Promise<Source>): Promise<number> {
  const policy = loadPolicy(opts.config, target.name);
  const failPolicy = parseFailOn(opts.failOn ?? policy.failOn ?? 'medium');
  const maxAgeDays = opts.maxAge === undefined ? undefined : durationArg(opts.maxAge, '--max-age');
  const ignore = IgnoreList.load(opts.ignoreFile, opts.ignoreFile !== '.credsweepignore');
  const startedAt = new Date().toISOString();
  // Opened before scanning: a foreign or corrupt inventory fails the run at once (exit 2).
  const inventory = opts.db ? Inventory.open(opts.db) : undefined;
  try {
    const scanner = makeScanner(opts);
    let result: ScanResult;
    let partial = false;
    try {
      const progress = opts.progress ? new Progress(`${target.kind} ${target.name}`) : undefined;
      const source = await open(scanner, progress);
      partial = !!source.partial;
      result = await scanSource(source, scanner, progress);
    } finally {
      await scanner.close();
    }
    const scope = `${target.kind}:${existsSync(target.name) ? resolve(target.name) : target.name}`;
    const { report, credentials, failed } = buildReport(target, startedAt, result, {
      ignore,
      policy,
      maxAgeDays,
      failPolicy,
      inventory,
      scope,
      complete: !partial,
      reportUnusedIgnores: opts.reportUnusedIgnores,
      showSecrets: opts.showSecrets,
    });
    writeReport(report, opts);
    // A scan command sees one target, maybe only a range: it never says "no longer found" (sweeps do).
    const sink = opts.openIssues ? await runIssuesSink(opts, { credentials, fullScan: false }) : undefined;
    if (result.errors.length > 0 || sink?.errors.length) return EXIT.PARTIAL;
    return failed ? EXIT.FINDINGS : EXIT.OK;
  } finally {
    inventory?.close();
  }
}

function durationArg(v: string, name: string): number {
  try {
    return parseDays(v);
  } catch (e) {
    throw new UsageError(`${name}: ${(e as Error).message}`);
  }
}

export function writeReport(report: Report, opts: Pick<ScanOptions, 'format' | 'output' | 'color'>): void {
  const toFile = !!opts.output;
  const text =
    opts.format === 'json'
      ? renderJson(report)
      : opts.format === 'sarif'
        ? renderSarif(report)
        : renderText(report, { color: opts.color ?? (!toFile && !!process.stdout.isTTY && !process.env.NO_COLOR) });
  if (toFile) writeFileSync(opts.output!, text);
  else process.stdout.write(text);
}
