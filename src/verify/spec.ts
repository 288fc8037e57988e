import type { RuleSpec } from '../detectors/rule.js';
import { hostAllowed } from './hosts.js';

// A rule's `verify:` block, validated. HTTP verifiers are data; the few schemes that need code
// (request signing, key files, wire protocols) are named by `scheme:` and live in schemes/.

/** One condition on an answer; every field given must hold. */
export interface AnswerMatch {
  status?: number[];
  /** Dotted JSON path -> the value it must equal (`true`/`false`/string/number), or `present`. */
  json?: Record<string, unknown>;
  /** Substring of the body. */
  body?: string;
  /** Header (lowercase) -> exact value. */
  header?: Record<string, string>;
}

export interface HttpRequestSpec {
  method: 'GET' | 'POST';
  /** https URL; `{{paired}}` and `{{ctx.NAME}}` may appear in it, `{{secret}}` never. */
  url: string;
  headers: Record<string, string>;
  /** Basic auth: [user, password] templates. */
  basic?: [string, string];
  body?: string;
}

/** Where identity is read: `json:a.b`, `json:list[].field`, `header:name`. */
export interface IdentitySpec {
  account?: string;
  scopes?: string;
  expiresAt?: string;
}

export interface HttpVerifier {
  kind: 'http';
  ruleId: string;
  docs: string;
  /** Tried in order: any `active` answer wins; `inactive` only when every request says so. */
  requests: HttpRequestSpec[];
  active: AnswerMatch[];
  inactive: AnswerMatch[];
  rateLimited: AnswerMatch[];
  identity: IdentitySpec;
  /** Shown with an inactive answer: what a refusal may also mean. */
  caveat?: string;
}

export const SCHEMES = ['aws-sigv4', 'google-service-account', 'network-service'] as const;
export type SchemeName = (typeof SCHEMES)[number];

export interface SchemeVerifier {
  kind: SchemeName;
  ruleId: string;
  docs: string;
  /** network-service: the URL scheme family (postgres, mysql, mongodb, redis). */
  service?: string;
}

export type Verifier = HttpVerifier | SchemeVerifier;

export class VerifySpecError extends Error {}

/** Every verifier of the catalogue; a broken `verify:` block names its rule. */
export function verifiersOf(rules: RuleSpec[]): Map<string, Verifier> {
  const out = new Map<string, Verifier>();
  for (const r of rules) if (r.verify) out.set(r.id, parseVerifier(r.id, r.verify));
  return out;
}

export function parseVerifier(ruleId: string, raw: Record<string, unknown>): Verifier {
  const fail = (m: string): never => {
    throw new VerifySpecError(`rule '${ruleId}' verify: ${m}`);
  };
  const docs = typeof raw.docs === 'string' && raw.docs.startsWith('https://') ? raw.docs : fail('`docs` must be the https URL of the provider page that documents the check');
  if (raw.scheme !== undefined) {
    if (!SCHEMES.includes(raw.scheme as SchemeName)) fail(`unknown scheme '${String(raw.scheme)}' (known: ${SCHEMES.join(', ')})`);
    return { kind: raw.scheme as SchemeName, ruleId, docs, ...(typeof raw.service === 'string' ? { service: raw.service } : {}) };
  }
  const reqs = raw.requests ?? (raw.request !== undefined ? [raw.request] : fail('needs `request`, `requests` or `scheme`'));
  if (!Array.isArray(reqs) || reqs.length === 0) fail('`requests` must be a non-empty list');
  const requests = (reqs as unknown[]).map((q, i) => parseRequest(q, i, fail));
  const matches = (k: string, required: boolean): AnswerMatch[] => {
    const v = raw[k];
    if (v === undefined) return required ? fail(`needs \`${k}\``) : [];
    if (!Array.isArray(v)) return fail(`\`${k}\` must be a list of answer conditions`);
    return v.map((m) => parseMatch(m, k, fail));
  };
  const identity = (raw.identity ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(identity)) {
    if (!['account', 'scopes', 'expiresAt'].includes(k)) fail(`unknown identity field '${k}'`);
    if (typeof v !== 'string' || !/^(json|header):./.test(v)) fail(`identity.${k} must be json:PATH or header:NAME`);
  }
  return {
    kind: 'http',
    ruleId,
    docs,
    requests,
    active: matches('active', true),
    inactive: matches('inactive', true),
    rateLimited: matches('rate-limited', false),
    identity: identity as IdentitySpec,
    ...(typeof raw.caveat === 'string' ? { caveat: raw.caveat } : {}),
  };
}

function parseRequest(q: unknown, i: number, fail: (m: string) => never): HttpRequestSpec {
  if (!q || typeof q !== 'object') return fail(`request #${i} must be a mapping`);
  const r = q as Record<string, unknown>;
  const method = (r.method ?? 'GET') as string;
  if (method !== 'GET' && method !== 'POST') fail(`request #${i}: method must be GET or POST (read-only checks only)`);
  if (typeof r.url !== 'string') return fail(`request #${i}: needs \`url\``);
  if (r.url.includes('{{secret')) fail(`request #${i}: the secret may not appear in the URL (URLs end up in logs); put it in a header or the body`);
  let u: URL;
  try {
    u = new URL(r.url.replace(/\{\{ctx\.[a-z]+\}\}/g, 'placeholder').replace(/\{\{paired\}\}/g, 'paired'));
  } catch {
    return fail(`request #${i}: invalid URL`);
  }
  if (u.protocol !== 'https:') fail(`request #${i}: only https URLs`);
  if (u.port !== '') fail(`request #${i}: only the default https port`);
  if (!hostAllowed(u.hostname)) fail(`request #${i}: host '${u.hostname}' is not in the documented provider hosts (src/verify/hosts.ts)`);
  const headers = (r.headers ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(headers)) if (typeof v !== 'string') fail(`request #${i}: header ${k} must be a string`);
  let basic: [string, string] | undefined;
  if (r.basic !== undefined) {
    if (!Array.isArray(r.basic) || r.basic.length !== 2 || !r.basic.every((x) => typeof x === 'string')) fail(`request #${i}: basic must be [user, password]`);
    basic = r.basic as [string, string];
  }
  if (r.body !== undefined && typeof r.body !== 'string') fail(`request #${i}: body must be a string`);
  return { method, url: r.url, headers: headers as Record<string, string>, ...(basic ? { basic } : {}), ...(r.body !== undefined ? { body: r.body as string } : {}) };
}

function parseMatch(m: unknown, k: string, fail: (m: string) => never): AnswerMatch {
  if (!m || typeof m !== 'object') return fail(`\`${k}\` entries must be mappings`);
  const r = m as Record<string, unknown>;
  for (const key of Object.keys(r)) if (!['status', 'json', 'body', 'header'].includes(key)) fail(`\`${k}\`: unknown condition '${key}'`);
  const status = r.status === undefined ? undefined : (Array.isArray(r.status) ? r.status : [r.status]).map(Number);
  if (status?.some((s) => !Number.isInteger(s))) fail(`\`${k}\`: status must be numbers`);
  return {
    ...(status ? { status } : {}),
    ...(r.json ? { json: r.json as Record<string, unknown> } : {}),
    ...(typeof r.body === 'string' ? { body: r.body } : {}),
    ...(r.header ? { header: Object.fromEntries(Object.entries(r.header as Record<string, string>).map(([h, v]) => [h.toLowerCase(), String(v)])) } : {}),
  };
}

/** The hosts a verifier contacts (templated labels shown as `*`); network services name their own. */
export function hostsOf(v: Verifier): string[] {
  switch (v.kind) {
    case 'http':
      return [...new Set(v.requests.map((r) => new URL(r.url.replace(/\{\{ctx\.[a-z]+\}\}/g, 'x')).hostname.replace(/^x\./, '*.')))];
    case 'aws-sigv4':
      return ['sts.amazonaws.com'];
    case 'google-service-account':
      return ['www.googleapis.com'];
    case 'network-service':
      return ['(the host in the URL)'];
  }
}
