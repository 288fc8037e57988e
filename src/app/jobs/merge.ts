import { readShardFile } from '../../github/sweep/shard-file.js';
import type { ScanJob } from '../run-scan.js';
import { mergeShards } from './merge-shards.js';

/** `merge SHARD...`: the shards of a sharded sweep, correlated as one sweep. */
export function mergeJob(files: string[]): ScanJob {
  const shards = files.map(readShardFile);
  const target = shards[0]?.target ?? 'sweep';
  return {
    target: { kind: 'sweep', name: target },
    scope: `sweep:${target}`,
    async collect() {
      return mergeShards(shards, files);
    },
  };
}
