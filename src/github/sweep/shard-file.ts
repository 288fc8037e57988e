import { readFileSync, writeFileSync } from 'node:fs';
import type { Finding, ScanError, SkippedInput } from '../../types.js';
import { fingerprint } from '../../engine/fingerprint.js';
import type { RepoInfo } from '../targets.js';

export const SHARD_FORMAT = 'credsweep-shard';
export const SHARD_VERSION = 1;

/** What one shard of a sweep hands to `credsweep merge`: findings by fingerprint, never a secret. */
export interface ShardFile {
  format: typeof SHARD_FORMAT;
  version: number;
  /** Same key, same fingerprints: merge refuses shards made with different keys. */
  keyId: string;
  shard?: { index: number; count: number };
  target: string;
  startedAt: string;
  /** Repositories scanned completely (the "no longer found" check covers only these). */
  scanned: RepoInfo[];
  /** Every repository of this shard, scanned or not (for links). */
  repos: RepoInfo[];
  findings: Finding[];
  errors: ScanError[];
  skipped: SkippedInput[];
  stats: { chunks: number; bytes: number; seconds: number };
}

export function keyId(key: Buffer): string {
  return fingerprint(key, 'credsweep shard key id').slice(0, 16);
}

/** `scrub` replaces secret values the run knows (a shard never carries one, even with --show-secrets). */
export function writeShardFile(file: string, s: ShardFile, scrub: (text: string) => string = String): void {
  const findings = s.findings.map(({ secret: _s, ...f }) => f);
  writeFileSync(file, scrub(JSON.stringify({ ...s, findings })) + '\n');
}

export function readShardFile(file: string): ShardFile {
  let doc: ShardFile;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: not a readable shard file (${(e as Error).message.split('\n')[0].slice(0, 120)})`);
  }
  if (doc?.format !== SHARD_FORMAT || !Array.isArray(doc.findings)) throw new Error(`${file}: not a credsweep shard file (missing format '${SHARD_FORMAT}')`);
  if (doc.version > SHARD_VERSION) throw new Error(`${file}: shard format version ${doc.version} is newer than this credsweep understands (${SHARD_VERSION})`);
  return doc;
}
