import { identityOf, jsonOf, matches } from './answer.js';
import type { HttpAnswer } from './http.js';
import { send, unknown, type CheckEnv, type Material, type Outcome } from './send.js';
import type { HttpRequestSpec, HttpVerifier } from './spec.js';

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** A spec's placeholder a credential could not fill: `paired` or `ctx.shop`. */
class Missing extends Error {}

function fill(template: string, m: Material, where: 'url' | 'host' | 'value', used: Set<string>): string {
  return template.replace(/\{\{(secret|paired|ctx\.([a-z]+))\}\}/g, (_all, name: string, ctxName?: string) => {
    const v = name === 'secret' ? m.value : name === 'paired' ? m.paired : m.context?.[ctxName!];
    if (v === undefined) throw new Missing(name);
    if (name.startsWith('ctx.')) used.add(ctxName!);
    if (where === 'host' && !LABEL.test(v)) throw new Missing(name);
    return where === 'value' ? v : encodeURIComponent(v);
  });
}

function render(r: HttpRequestSpec, m: Material, used: Set<string>) {
  // The host may hold one templated label (a shop, a site); it is checked as a DNS label.
  const [, hostT, pathT = '/', queryT = ''] = /^https:\/\/([^/?]+)([^?]*)(\?.*)?$/.exec(r.url)!;
  const url = new URL(`https://${fill(hostT, m, 'host', used)}${fill(pathT, m, 'url', used)}${fill(queryT, m, 'url', used)}`);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers)) headers[k.toLowerCase()] = fill(v, m, 'value', used);
  if (r.basic) headers.authorization = `Basic ${Buffer.from(`${fill(r.basic[0], m, 'value', used)}:${fill(r.basic[1], m, 'value', used)}`).toString('base64')}`;
  const body = r.body !== undefined ? fill(r.body, m, 'value', used) : undefined;
  return { method: r.method, url, headers, ...(body !== undefined ? { body } : {}) };
}

const MISSING_WORDS: Record<string, string> = { paired: 'its paired part (found within a few lines of it)' };

/** Runs a data-declared HTTP verifier: requests in order, answers read as the spec says. */
export async function runHttpVerifier(v: HttpVerifier, m: Material, env: CheckEnv): Promise<Outcome> {
  const hosts: string[] = [];
  const refusals: string[] = [];
  let unsure: string | undefined;
  const usedContext = new Set<string>();
  for (const r of v.requests) {
    let call;
    try {
      call = render(r, m, usedContext);
    } catch (e) {
      if (!(e instanceof Missing)) throw e;
      const what = MISSING_WORDS[e.message] ?? `the ${e.message.replace('ctx.', '')} written next to it`;
      return unknown(`not checked: the request needs ${what}, and none was found`, hosts);
    }
    hosts.push(call.url.hostname);
    const isRateLimited = (a: HttpAnswer) => v.rateLimited.some((x) => matches(a, x, () => jsonOf(a)));
    const sent = await send(call, env, isRateLimited);
    if ('failure' in sent) {
      unsure ??= sent.failure;
      continue;
    }
    const a = sent.answer;
    let parsed: unknown;
    let tried = false;
    const doc = () => (tried ? parsed : ((tried = true), (parsed = jsonOf(a))));
    if (a.status === 429 || isRateLimited(a)) {
      unsure ??= `${call.url.hostname} rate-limited the check (HTTP ${a.status})`;
      continue;
    }
    // Every API here answers JSON: a success that is not JSON is no proof of anything.
    if (a.status >= 200 && a.status < 300 && doc() === undefined) {
      unsure ??= `malformed answer from ${call.url.hostname} (HTTP ${a.status}, not JSON)`;
      continue;
    }
    if (v.active.some((x) => matches(a, x, doc))) {
      const identity = identityOf(a, v.identity, doc);
      return { status: 'active', reason: `HTTP ${a.status} from ${call.url.hostname}${call.url.pathname}`, hosts, ...(identity ? { identity } : {}) };
    }
    if (v.inactive.some((x) => matches(a, x, doc))) {
      refusals.push(`${call.url.hostname} answered HTTP ${a.status}`);
      continue;
    }
    unsure ??= a.status >= 500 ? `${call.url.hostname} failed (HTTP ${a.status})` : doc() === undefined && a.body.trim() ? `malformed answer from ${call.url.hostname} (HTTP ${a.status}, not the JSON expected)` : `unexpected answer from ${call.url.hostname} (HTTP ${a.status})`;
  }
  if (unsure || refusals.length === 0) return unknown(unsure ?? 'no answer', hosts);
  if (usedContext.size) {
    const names = [...usedContext].join(' and ');
    return unknown(`refused with the ${names} found next to it (${refusals.join('; ')}): a revoked token and a mismatched ${names} look the same`, hosts);
  }
  return { status: 'inactive', reason: `${refusals.join('; ')}${v.caveat ? ` (${v.caveat})` : ''}`, hosts };
}
