import pLimit, { type LimitFunction } from 'p-limit';

export interface Limits {
  /** Requests in flight per host. */
  perHostConcurrency: number;
  /** Minimum milliseconds between two request starts to one host. */
  perHostGapMs: number;
  /** Requests the whole run may send (retries count). */
  budget: number;
  /** Retries after a timeout, a network error, a rate limit or a 5xx. */
  retries: number;
  /** First backoff; doubles each retry. A Retry-After the provider sends wins, up to `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_LIMITS: Limits = { perHostConcurrency: 2, perHostGapMs: 250, budget: 200, retries: 2, backoffMs: 1000, maxBackoffMs: 30_000 };

export class BudgetSpent extends Error {}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Per-host concurrency and pacing, and the run's request budget. */
export class HostGate {
  private readonly limiters = new Map<string, LimitFunction>();
  private readonly nextStart = new Map<string, number>();
  private spent = 0;

  constructor(readonly limits: Limits) {}

  get requests(): number {
    return this.spent;
  }

  /** Runs `fn` as one request to `host`, when the host's slot and pace allow; throws BudgetSpent past the budget. */
  run<T>(host: string, fn: () => Promise<T>): Promise<T> {
    let limit = this.limiters.get(host);
    if (!limit) this.limiters.set(host, (limit = pLimit(this.limits.perHostConcurrency)));
    return limit(async () => {
      if (this.spent >= this.limits.budget) throw new BudgetSpent(`the verification budget of ${this.limits.budget} requests is spent`);
      this.spent++;
      const now = Date.now();
      const at = Math.max(now, this.nextStart.get(host) ?? 0);
      this.nextStart.set(host, at + this.limits.perHostGapMs);
      if (at > now) await sleep(at - now);
      return fn();
    });
  }

  /** How long to wait before retry `attempt` (0-based), honouring a Retry-After in seconds. */
  backoff(attempt: number, retryAfter?: string): number {
    const ra = retryAfter !== undefined ? Number(retryAfter) : NaN;
    const ms = Number.isFinite(ra) && ra >= 0 ? ra * 1000 : this.limits.backoffMs * 2 ** attempt;
    return Math.min(ms, this.limits.maxBackoffMs);
  }

  wait(ms: number): Promise<void> {
    return sleep(ms);
  }
}
