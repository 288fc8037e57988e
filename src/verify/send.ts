import type { VerifiedIdentity, VerificationStatus } from '../hygiene/types.js';
import { httpsCall, TransportError, type HttpAnswer, type HttpCall, type Transport } from './http.js';
import { BudgetSpent, type HostGate } from './limits.js';

/** What a verifier concludes about one credential. */
export interface Outcome {
  status: VerificationStatus;
  reason: string;
  hosts: string[];
  identity?: VerifiedIdentity;
}

/** The value to check and what was found beside it, in memory only. */
export interface Material {
  value: string;
  /** The paired part's value (the AWS key ID beside its secret, the Twilio account SID). */
  paired?: string;
  /** Values a rule's `verify.context` read next to the hit (a shop, a site, an email). */
  context?: Record<string, string>;
}

export interface CheckEnv {
  gate: HostGate;
  transport: Transport;
}

export type Sent = { answer: HttpAnswer } | { failure: string };

/**
 * One request with retries: a network error, a timeout, a 5xx or a rate limit (429, or what
 * `isRateLimited` recognises) is retried after a backoff, up to the gate's retries. The last
 * rate-limited answer is returned as it is (the caller says unknown); a failure is a sentence.
 */
export async function send(call: HttpCall, env: CheckEnv, isRateLimited: (a: HttpAnswer) => boolean): Promise<Sent> {
  const host = call.url.hostname;
  let last: Sent = { failure: `${host}: not asked` };
  for (let attempt = 0; attempt <= env.gate.limits.retries; attempt++) {
    let retryAfter: string | undefined;
    try {
      const answer = await env.gate.run(host, () => httpsCall(call, env.transport));
      last = { answer };
      if (!(answer.status === 429 || answer.status >= 500 || isRateLimited(answer))) return last;
      retryAfter = answer.headers['retry-after'];
    } catch (e) {
      if (e instanceof BudgetSpent) return { failure: e.message };
      if (!(e instanceof TransportError)) throw e;
      last = { failure: e.message };
    }
    if (attempt < env.gate.limits.retries) await env.gate.wait(env.gate.backoff(attempt, retryAfter));
  }
  return last;
}

export const unknown = (reason: string, hosts: string[]): Outcome => ({ status: 'unknown', reason, hosts });
