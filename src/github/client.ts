import { Octokit } from '@octokit/rest';
import { throttling } from '@octokit/plugin-throttling';
import { retry } from '@octokit/plugin-retry';
import Bottleneck from 'bottleneck';

const CredsweepOctokit: typeof Octokit = Octokit.plugin(throttling, retry);
export type GitHubClient = Octokit;

export interface ClientOptions {
  token?: string;
  /** REST API root; GitHub Enterprise Server is `https://HOST/api/v3`. */
  apiUrl?: string;
  /** Retries of rate-limited or failing requests before giving up. */
  retries?: number;
  /**
   * Milliseconds per second of `retry-after` and of the write spacing GitHub asks for.
   * 1000 in production; tests set CREDSWEEP_GITHUB_TIME_MS to a few ms so waits stay short.
   */
  msPerSecond?: number;
  log?: (line: string) => void;
}

export const DEFAULT_API_URL = 'https://api.github.com';

export function resolveApiUrl(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  return (flag || env.GITHUB_API_URL || DEFAULT_API_URL).replace(/\/+$/, '');
}

export function resolveToken(flag?: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return flag || env.GITHUB_TOKEN || env.GH_TOKEN || undefined;
}

/**
 * Octokit with throttling (primary and secondary rate limits: wait `retry-after`, then retry)
 * and retry (5xx and network errors, with backoff). Writes are spaced as GitHub's
 * best-practice guide asks, so a sweep that opens many issues does not trip abuse limits.
 */
export function makeClient(o: ClientOptions): GitHubClient {
  const ms = o.msPerSecond ?? (Number(process.env.CREDSWEEP_GITHUB_TIME_MS) || 1000);
  const retries = o.retries ?? 3;
  const log = o.log ?? ((l: string) => process.stderr.write(l + '\n'));
  const onLimit = (kind: string) => (retryAfter: number, options: { method: string; url: string }, _o: unknown, retryCount: number) => {
    log(`credsweep: GitHub ${kind} on ${options.method} ${options.url}; retrying after ${retryAfter}s`);
    return retryCount < retries;
  };
  return new CredsweepOctokit({
    auth: o.token,
    baseUrl: resolveApiUrl(o.apiUrl),
    userAgent: 'credsweep',
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    throttle: {
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
      retryAfterBaseValue: ms,
      fallbackSecondaryRateRetryAfter: 60,
      // Own groups so the spacing follows `ms` (the plugin's defaults are fixed at 1 s).
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: ms }),
      search: new Bottleneck.Group({ maxConcurrent: 1, minTime: 2 * ms }),
      notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 3 * ms }),
      global: new Bottleneck.Group({ maxConcurrent: 10 }),
    } as never,
    retry: { retries, retryAfterBaseValue: ms },
  });
}
