import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ScanResult } from '../types.js';
import type { Report } from '../report/model.js';
import { buildReport } from '../report/build.js';
import { IgnoreList } from '../ignore/ignore-file.js';
import { Baseline } from '../baseline/baseline.js';
import { BASELINE_FILE, readBaseline } from '../baseline/baseline-file.js';
import { analyseCredentials } from '../hygiene/analyse.js';
import { shouldFail } from '../hygiene/fail-on.js';
import { parseFailOn } from '../policy/fail-on.js';
import type { Credential } from '../hygiene/types.js';
import { loadPolicy } from '../policy/load.js';
import { Inventory } from '../inventory/inventory.js';
import type { InventoryDelta } from '../inventory/index.js';
import { runIssuesSink, type IssueScope } from '../github/run-issues.js';
import type { Settings } from './settings.js';
import { EngineSession } from './engine-session.js';
import { publishReport } from './publish.js';
import { verdict } from './verdict.js';
import { processRedactor } from '../redact/index.js';
import { applyAllowlist, type AllowedCounts } from './allowlist.js';
import { verifyStage, VERIFY_OFF } from '../verify/index.js';
import { loadCatalogue } from '../detectors/catalogue.js';
import type { RuleDoc } from '../report/model.js';

/** What a job's collection step hands on: the scan result, and what the later steps need to know of it. */
export interface Collected extends ScanResult {
  /** Only part of the target was covered (a commit range, one branch): the inventory marks nothing fixed. */
  partial: boolean;
  /** Where issues go and what "no longer found" may cover; default: the --issues-repo, never "gone". */
  issues?: IssueScope;
}

/** An output besides the report itself (the Action's SARIF file, annotations, step outputs). */
export interface Sink {
  write(report: Report, credentials: Credential[]): void;
  /** Told the run's exit code once it is known (the Action's `exit-code` output). */
  finish?(exitCode: number, report: Report): void;
}

/**
 * One run of any command: what to read and how. `collect` is the only step that differs
 * between `scan *`, `action`, `sweep` and `merge`; everything after it is shared.
 */
export interface ScanJob {
  target: Report['target'];
  /** What the inventory records this run under. */
  scope: string;
  /** Folder of the scan target, where `.credsweep.yaml` and `.credsweepignore` are also looked for. */
  root?: string;
  collect(engine: EngineSession): Promise<Collected>;
  sinks?: Sink[];
  /** Where a report without --output goes; default process.stdout. */
  stdout?: (s: string) => void;
  /** Replaces report and sinks (a sweep shard writes its shard file); returns the exit code. */
  handoff?(collected: Collected, engine: EngineSession): number;
}

/**
 * The run path every command shares: settings -> collect (source -> engine) -> post-scan
 * (ignore, hygiene, inventory) -> report -> sinks -> verdict.
 */
export async function runScan(job: ScanJob, s: Settings): Promise<number> {
  processRedactor.enabled = !s.detection.showSecrets;
  const policy = loadPolicy(s.hygiene.config, job.root);
  const failPolicy = parseFailOn(s.hygiene.failOn ?? policy.failOn ?? 'medium');
  const ignore = loadIgnoreList(s.hygiene.ignoreFile, job.root);
  const baseline = loadBaseline(s.hygiene.baseline, job.root);
  // Opened before scanning: a foreign or corrupt inventory fails the run at once (exit 2).
  const inventory = s.hygiene.db ? Inventory.open(s.hygiene.db) : undefined;
  try {
    const startedAt = new Date().toISOString();
    const engine = new EngineSession(s, `${job.target.kind} ${job.target.name}`, policy.allow);
    let collected: Collected;
    // Armed already when the CLI runs this; a library caller gets it for the scan's duration.
    const ownInterrupt = !engine.interrupt.armed;
    if (ownInterrupt) engine.interrupt.arm();
    try {
      collected = await job.collect(engine);
      if (job.handoff) return job.handoff(collected, engine);
    } finally {
      if (ownInterrupt) engine.interrupt.disarm();
      await engine.close();
    }
    const allowed: AllowedCounts = { paths: 0, values: engine.allowedValues, rules: 0 };
    const { kept, ignored } = ignore.filter(applyAllowlist(collected.findings, policy.allow, engine.fingerprintKey, allowed));
    // Opt-in checks with the providers (--verify): verdicts, and --only-active's filter.
    const verified = await verifyStage(analyseCredentials(kept, { maxAgeDays: s.hygiene.maxAgeDays, policy }), kept, { ...VERIFY_OFF, ...s.verification, rules: s.detection.rules }, { inventory });
    const credentials = verified.credentials;
    for (const c of credentials) if (baseline?.entryFor(c)) c.baselined = true;
    const report = (delta?: InventoryDelta) =>
      buildReport({
        target: job.target,
        startedAt,
        result: collected,
        kept: verified.findings,
        ignored,
        credentials,
        unusedIgnores: s.hygiene.reportUnusedIgnores ? ignore.unused().map((u) => ({ fingerprint: u.fingerprint, line: u.line })) : undefined,
        baseline: baseline?.file
          ? { file: baseline.file, entries: baseline.entries, ...(s.hygiene.reportUnusedIgnores ? { unused: baseline.unused().map((u) => ({ fingerprint: u.fingerprint, line: u.line ?? 0 })) } : {}) }
          : undefined,
        showSecrets: s.detection.showSecrets,
        inventory: delta,
        allowed,
        rules: ruleDocs(credentials, s.detection.rules),
      });
    let published!: Report;
    const publish = (delta?: InventoryDelta) => {
      published = report(delta);
      publishReport(published, s.output, job.stdout);
      for (const sink of job.sinks ?? []) sink.write(published, credentials);
    };
    const delta = inventory
      ? inventory.record(processRedactor.redact(job.scope, true), credentials.map(scrubPlaces), new Date(), { complete: !collected.partial && collected.errors.length === 0, beforeCommit: publish })
      : (publish(), undefined);
    if (engine.interrupt.reason && s.output.output) process.stderr.write(`credsweep: partial report written to ${s.output.output}\n`);
    // Baselined credentials are accepted debt: they never fail a run and are never new.
    const judged = credentials.filter((c) => !c.baselined);
    const fresh = delta ? judged.filter((c) => delta.new.includes(c.fingerprint)) : baseline?.file ? judged : undefined;
    const failed = shouldFail(failPolicy, judged, fresh ? new Set(fresh.map((c) => c.fingerprint)) : undefined);
    const sink = s.github.openIssues ? await runIssuesSink(s.github, credentials, collected.issues ?? { fullScan: false }) : undefined;
    const code = verdict({ scanErrors: published.errors.length, sinkErrors: sink?.errors.length ?? 0, failed });
    for (const k of job.sinks ?? []) k.finish?.(code, published);
    return code;
  } finally {
    inventory?.close();
  }
}

/** The catalogue's words on the rules that found something (SARIF help); the catalogue is cached, so this is cheap. */
function ruleDocs(credentials: Credential[], dir: string | undefined): Record<string, RuleDoc> | undefined {
  if (!credentials.length) return undefined;
  const used = new Set(credentials.map((c) => c.ruleId));
  const docs: Record<string, RuleDoc> = {};
  let rules;
  try {
    rules = loadCatalogue(dir).rules;
  } catch {
    return undefined; // a merge of shards made with a catalogue this machine lacks: reports go without it
  }
  for (const r of rules) if (used.has(r.id)) docs[r.id] = { description: r.description, confidence: r.confidence, validated: !!r.validate, file: r.file };
  return docs;
}

/** The inventory file outlives the run: the places it records (paths, names) are scrubbed even with --show-secrets. */
function scrubPlaces(c: Credential): Credential {
  return c.places ? { ...c, places: c.places.map((p) => ({ ...p, context: processRedactor.redact(p.context, true) })) } : c;
}

/** `--ignore-file` must exist; the default `.credsweepignore` is looked for in the scan root, then the working directory. */
function loadIgnoreList(explicit: string | undefined, root: string | undefined): IgnoreList {
  if (explicit) return IgnoreList.load(explicit, true);
  const found = atRootOrCwd('.credsweepignore', root);
  return found ? IgnoreList.load(found, true) : new IgnoreList(undefined, []);
}

/** `--baseline` must exist; the default `.credsweep-baseline` is looked for like the ignore file. */
function loadBaseline(explicit: string | undefined, root: string | undefined): Baseline | undefined {
  const file = explicit ?? atRootOrCwd(BASELINE_FILE, root);
  return file ? new Baseline(file, readBaseline(file)) : undefined;
}

/** A team file of the target (ignore list, baseline): the scan root's first, else the working directory's. */
function atRootOrCwd(name: string, root: string | undefined): string | undefined {
  const candidates = [...(root && isDir(root) ? [join(root, name)] : []), name];
  return candidates.find((c) => existsSync(c));
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
