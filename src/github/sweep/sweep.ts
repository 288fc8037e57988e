import pLimit from 'p-limit';
import type { Finding, ScanError, ScanResult } from '../../types.js';
import { cloneForSweep, type CloneOptions } from './clone.js';
import type { SweepRepo } from './repos.js';

/** Scans one cloned repository's history (the run path's engine, with its settings). */
export type ScanClone = (gitdir: string, repo: SweepRepo) => Promise<ScanResult>;

export interface SweepOptions extends CloneOptions {
  concurrency: number;
  /** One line per finished repository. */
  progress?: (line: string) => void;
}

export interface SweepOutcome {
  findings: Finding[];
  errors: ScanError[];
  /** Repositories scanned without error. */
  scanned: SweepRepo[];
  stats: { chunks: number; bytes: number; seconds: number };
}

/**
 * Clones each repository bare (bounded concurrency), scans its whole history with `scan`,
 * deletes the clone. Findings carry the repository's full name as `origin.repo`,
 * which is what hygiene's "shared" flag and the issues sink key on. One repository's
 * failure becomes an error naming it; the sweep goes on.
 */
export async function sweepRepos(repos: SweepRepo[], scan: ScanClone, o: SweepOptions): Promise<SweepOutcome> {
  const limit = pLimit(Math.max(1, o.concurrency));
  const out: SweepOutcome = { findings: [], errors: [], scanned: [], stats: { chunks: 0, bytes: 0, seconds: 0 } };
  const t0 = Date.now();
  let done = 0;
  await Promise.all(
    repos.map((repo) =>
      limit(async () => {
        const started = Date.now();
        let line: string;
        try {
          const clone = await cloneForSweep(repo.cloneUrl, o);
          try {
            const res = await scan(clone.gitdir, repo);
            out.findings.push(...res.findings);
            out.stats.chunks += res.stats.chunks;
            out.stats.bytes += res.stats.bytes;
            for (const e of res.errors) out.errors.push({ where: `${repo.fullName}: ${e.where}`, message: e.message });
            if (res.errors.length === 0) out.scanned.push(repo);
            line = `${res.findings.length} finding(s)${res.errors.length ? `, ${res.errors.length} error(s)` : ''}`;
          } finally {
            await clone.cleanup();
          }
        } catch (e) {
          out.errors.push({ where: repo.fullName, message: (e as Error).message });
          line = `failed: ${(e as Error).message}`;
        }
        done++;
        o.progress?.(`[${done}/${repos.length}] ${repo.fullName}: ${line} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
      }),
    ),
  );
  out.stats.seconds = (Date.now() - t0) / 1000;
  out.scanned.sort((a, b) => a.fullName.localeCompare(b.fullName));
  return out;
}
