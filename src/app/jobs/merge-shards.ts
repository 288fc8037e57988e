import type { Finding } from '../../types.js';
import type { RepoInfo } from '../../github/targets.js';
import type { ShardFile } from '../../github/sweep/shard-file.js';
import { findingOrder } from '../scan-source.js';
import type { Collected } from '../run-scan.js';

function stableOrder(a: Finding, b: Finding): number {
  const ra = a.origin.kind === 'git' ? a.origin.repo : '';
  const rb = b.origin.kind === 'git' ? b.origin.repo : '';
  return ra.localeCompare(rb) || findingOrder(a, b) || a.fingerprint.localeCompare(b.fingerprint);
}

/**
 * A sweep's repositories, whole or from shards, as one result: refuses shards made with
 * different keys or given twice, warns about missing ones, orders findings stably (hygiene
 * picks evidence by order, and repositories finish in any order).
 */
export function mergeShards(shards: ShardFile[], names: string[] = []): Collected {
  const keys = new Set(shards.map((s) => s.keyId));
  if (keys.size > 1) {
    throw new Error(`the shards were made with different fingerprint keys${names.length ? ` (${names.join(', ')})` : ''}: set the same CREDSWEEP_FINGERPRINT_KEY for every shard job`);
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
  return {
    findings: shards.flatMap((s) => s.findings).sort(stableOrder),
    errors: shards.flatMap((s) => s.errors),
    skipped: shards.flatMap((s) => s.skipped),
    stats: shards.reduce((a, s) => ({ chunks: a.chunks + s.stats.chunks, bytes: a.bytes + s.stats.bytes, seconds: Math.max(a.seconds, s.stats.seconds) }), { chunks: 0, bytes: 0, seconds: 0 }),
    partial: count !== undefined && seen.size < count,
    issues: { known: repos, fullScan: true, scannedRepos: scanned },
  };
}
