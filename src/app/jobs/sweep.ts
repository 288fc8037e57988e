import { makeClient, resolveApiUrl, resolveToken } from '../../github/client.js';
import { filterRepos, listRepos, type RepoSelector } from '../../github/sweep/repos.js';
import { inShard, parseShard } from '../../github/sweep/shard.js';
import { sweepRepos } from '../../github/sweep/sweep.js';
import { keyId, writeShardFile, type ShardFile } from '../../github/sweep/shard-file.js';
import { GitSource } from '../../sources/git/index.js';
import { EXIT } from '../../exit-codes.js';
import type { ScanJob } from '../run-scan.js';
import { mergeShards } from './merge-shards.js';
import { processRedactor } from '../../redact/index.js';

export interface SweepTarget {
  selector: RepoSelector;
  concurrency: number;
  includeArchived: boolean;
  includeForks: boolean;
  includeEmpty: boolean;
  maxRepoSize?: number;
  repoTimeoutSeconds: number;
  /** `I/N`: sweep only this shard and write a shard file instead of a report. */
  shard?: string;
  shardFile?: string;
}

/**
 * `sweep`: every repository of an organisation or user, cloned bare and scanned whole with
 * bounded concurrency, correlated across repositories. With a shard, the result goes to a
 * shard file for `merge` instead of a report.
 */
export function sweepJob(t: SweepTarget): ScanJob {
  const sel = t.selector;
  const shard = t.shard ? parseShard(t.shard) : undefined;
  const target = 'org' in sel ? `org ${sel.org}` : 'user' in sel ? `user ${sel.user}` : `repos ${sel.reposFile}`;
  let file: ShardFile | undefined;
  return {
    target: { kind: 'sweep', name: target },
    scope: `sweep:${target}`,
    async collect(engine) {
      const { github, output, input } = engine.settings;
      const log = (l: string) => output.progress && process.stderr.write(`${l}\n`);
      const token = resolveToken(github.token);
      const apiUrl = resolveApiUrl(github.apiUrl);
      const gh = makeClient({ token, apiUrl: github.apiUrl });
      const startedAt = new Date().toISOString();
      const all = await listRepos(gh, sel);
      const mine = shard ? all.filter((r) => inShard(r.fullName, shard)) : all;
      const { keep, skipped } = filterRepos(mine, { includeArchived: t.includeArchived, includeForks: t.includeForks, includeEmpty: t.includeEmpty, maxRepoSize: t.maxRepoSize });
      log(`credsweep: sweeping ${keep.length} of ${all.length} repositories of ${target}${shard ? ` (shard ${shard.index}/${shard.count})` : ''}; skipped ${skipped.length}`);
      const tokenHosts = [new URL(apiUrl).hostname.replace(/^api\./, ''), new URL(apiUrl).hostname];
      if (process.env.GITHUB_SERVER_URL) tokenHosts.push(new URL(process.env.GITHUB_SERVER_URL).hostname);
      const outcome = await sweepRepos(keep, (gitdir, repo) => engine.scan(new GitSource(gitdir, { maxFileSize: input.maxFileSize, exclude: input.exclude, repoName: repo.fullName })), {
        concurrency: t.concurrency,
        token,
        tokenHosts,
        timeoutMs: t.repoTimeoutSeconds * 1000,
        progress: log,
      });
      const info = (r: { fullName: string; htmlUrl: string }) => ({ fullName: r.fullName, htmlUrl: r.htmlUrl });
      file = {
        format: 'credsweep-shard',
        version: 1,
        keyId: keyId(engine.fingerprintKey),
        ...(shard ? { shard } : {}),
        target,
        startedAt,
        scanned: outcome.scanned.map(info),
        repos: mine.map(info),
        findings: outcome.findings,
        errors: [
          ...outcome.errors,
          ...skipped.filter((s) => s.reason === 'too-large').map((s) => ({ where: s.repo.fullName, message: `skipped: ${s.repo.sizeKb} KB is over --max-repo-size` })),
        ],
        skipped: skipped.map((s) => ({ path: s.repo.fullName, reason: s.reason, size: s.repo.sizeKb * 1024 })),
        stats: outcome.stats,
      };
      const merged = mergeShards([file]);
      return { ...merged, stats: { ...merged.stats, threads: engine.scanner.threads } };
    },
    ...(shard
      ? {
          handoff() {
            const out = t.shardFile ?? `credsweep-shard-${shard.index}-of-${shard.count}.json`;
            writeShardFile(out, file!, (s) => processRedactor.redact(s, true));
            process.stderr.write(`credsweep: shard ${shard.index}/${shard.count}: ${file!.scanned.length} repositories scanned, ${file!.findings.length} findings, ${file!.errors.length} errors -> ${out}\n`);
            return file!.errors.length ? EXIT.PARTIAL : EXIT.OK;
          },
        }
      : {}),
  };
}
