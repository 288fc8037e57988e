import type { ScanOptions } from '../../commands/common.js';
import { writeReport } from '../../commands/common.js';
import { EXIT } from '../../exit-codes.js';
import { analyseToReport } from '../analyse-report.js';
import { runIssuesSink } from '../sink-command.js';
import type { RepoInfo } from '../targets.js';
import type { ShardFile } from './shard-file.js';
import type { Finding } from '../../types.js';
import { findingOrder } from '../../pipeline.js';

function stableOrder(a: Finding, b: Finding): number {
  const ra = a.origin.kind === 'git' ? a.origin.repo : '';
  const rb = b.origin.kind === 'git' ? b.origin.repo : '';
  return ra.localeCompare(rb) || findingOrder(a, b) || a.fingerprint.localeCompare(b.fingerprint);
}

export interface FinishOptions extends ScanOptions {
  config?: string;
  db?: string;
}

/**
 * The end of a sweep, whole or merged from shards: correlate every repository's findings
 * (shared credentials across repos and shards), inventory delta, report, issues, exit code.
 */
export async function finishSweep(shards: ShardFile[], o: FinishOptions, names: string[] = []): Promise<number> {
  const keys = new Set(shards.map((s) => s.keyId));
  if (keys.size > 1) {
    throw new Error(
      `the shards were made with different fingerprint keys${names.length ? ` (${names.join(', ')})` : ''}: set the same CREDSWEEP_FINGERPRINT_KEY for every shard job`,
    );
  }
  const seen = new Set<string>();
  for (const s of shards) {
    if (!s.shard) continue;
    const id = `${s.shard.index}/${s.shard.count}`;
    if (seen.has(id)) throw new Error(`shard ${id} given twice`);
    seen.add(id);
  }
  const count = shards[0]?.shard?.count;
  if (count && seen.size < count) process.stderr.write(`credsweep: warning: ${count - seen.size} of ${count} shard(s) missing; their repositories are not covered\n`);
  const repos = new Map<string, RepoInfo>();
  for (const s of shards) for (const r of s.repos) repos.set(r.fullName, r);
  const scanned = [...new Set(shards.flatMap((s) => s.scanned.map((r) => r.fullName)))].sort();
  const result = {
    // Repositories finish in any order; hygiene picks evidence by order, so fix it for stable issues.
    findings: shards.flatMap((s) => s.findings).sort(stableOrder),
    errors: shards.flatMap((s) => s.errors),
    skipped: shards.flatMap((s) => s.skipped),
    stats: shards.reduce((a, s) => ({ chunks: a.chunks + s.stats.chunks, bytes: a.bytes + s.stats.bytes, seconds: Math.max(a.seconds, s.stats.seconds) }), { chunks: 0, bytes: 0, seconds: 0 }),
  };
  const target = shards[0]?.target ?? 'sweep';
  const startedAt = shards.map((s) => s.startedAt).sort()[0] ?? new Date().toISOString();
  const { report, failed } = analyseToReport({ kind: 'sweep', name: target }, startedAt, result, o, `sweep:${target}`);
  writeReport(report, o);
  const sink = o.openIssues ? await runIssuesSink(o, { credentials: report.credentials, known: repos, fullScan: true, scannedRepos: scanned }) : undefined;
  if (report.errors.length || sink?.errors.length) return EXIT.PARTIAL;
  return failed ? EXIT.FINDINGS : EXIT.OK;
}
