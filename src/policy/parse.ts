import { LineCounter, parseDocument } from 'yaml';
import { validatePolicyShape } from './schema.js';
import { parseDays } from '../util/size.js';
import { parseFailOn } from './fail-on.js';
import { CONTEXT_KINDS, emptyPolicy, type ContextKind, type Policy } from './types.js';

export class PolicyError extends Error {}

const MAX_AGE_KEYS = ['default', 'rules', 'providers'];

/**
 * Parses and validates a policy file's text. Errors name the file and the key; they never
 * quote the file's content (a policy file might sit beside secrets, and YAML parser messages
 * echo the offending line).
 */
export function parsePolicy(text: string, file = '.credsweep.yaml'): Policy {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const pos = e.linePos?.[0];
    throw new PolicyError(`${file}: YAML syntax error${pos ? ` at line ${pos.line}, column ${pos.col}` : ''} (${e.code})`);
  }
  const raw: unknown = doc.toJS();
  const policy = emptyPolicy();
  policy.source = file;
  if (raw === null || raw === undefined) return policy;
  const lineOf = (path: Array<string | number>): number | undefined => {
    const node = doc.getIn(path, true) as { range?: [number, number] } | undefined;
    return node?.range ? lines.linePos(node.range[0]).line : undefined;
  };
  const fail = (key: string, what: string, path: Array<string | number> = key.split('.')): never => {
    const line = key === '(top level)' ? undefined : lineOf(path);
    throw new PolicyError(`${file}${line ? `:${line}` : ''}: ${key}: ${what}`);
  };
  if (!isObject(raw)) fail('(top level)', 'must be a mapping of keys such as maxAge, environments, contexts, failOn, allow');
  const top = raw as Record<string, unknown>;
  if (top.version !== undefined && top.version !== 1) fail('version', 'only version 1 is supported');

  const days = (key: string, v: unknown): number => {
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
    if (typeof v !== 'string') fail(key, 'must be a duration such as 90d, 12w, 6m or 1y');
    try {
      return parseDays(v as string);
    } catch {
      return fail(key, `invalid duration; use e.g. 90d, 12w, 6m, 1y`);
    }
  };
  const days_map = (key: string, v: unknown): Record<string, number> => {
    if (!isObject(v)) fail(key, 'must be a mapping of names to durations');
    const out: Record<string, number> = {};
    for (const [k, d] of Object.entries(v as Record<string, unknown>)) out[k] = days(`${key}.${k}`, d);
    return out;
  };

  const ma = top.maxAge;
  if (ma !== undefined) {
    if (isObject(ma)) {
      const m = ma as Record<string, unknown>;
      for (const k of Object.keys(m)) if (!MAX_AGE_KEYS.includes(k)) fail(`maxAge.${k}`, `unknown key; allowed keys are ${MAX_AGE_KEYS.join(', ')}`);
      if (m.default !== undefined) policy.maxAgeDays = days('maxAge.default', m.default);
      if (m.rules !== undefined) policy.maxAgeByRule = days_map('maxAge.rules', m.rules);
      if (m.providers !== undefined) policy.maxAgeByProvider = days_map('maxAge.providers', m.providers);
    } else policy.maxAgeDays = days('maxAge', ma);
  }

  const envs = top.environments;
  if (envs !== undefined) {
    if (!isObject(envs)) fail('environments', 'must map environment names to path patterns (a glob or a list of globs)');
    for (const [name, pats] of Object.entries(envs as Record<string, unknown>)) {
      const list = typeof pats === 'string' ? [pats] : pats;
      if (!Array.isArray(list) || list.length === 0 || !list.every((p) => typeof p === 'string' && p.length > 0))
        fail(`environments.${name}`, 'must be a glob or a non-empty list of globs');
      policy.environments.push({ name, patterns: list as string[] });
    }
  }

  const ctx = top.contexts;
  if (ctx !== undefined) {
    if (!Array.isArray(ctx) || !ctx.every((c) => typeof c === 'string')) fail('contexts', `must be a list of ${CONTEXT_KINDS.join(', ')}`);
    for (const c of ctx as string[]) if (!CONTEXT_KINDS.includes(c as ContextKind)) fail('contexts', `unknown context kind '${c}'; use ${CONTEXT_KINDS.join(', ')}`);
    policy.contexts = [...new Set(ctx as ContextKind[])];
  }

  if (top.failOn !== undefined) {
    const f = Array.isArray(top.failOn) ? top.failOn.join(',') : top.failOn;
    if (typeof f !== 'string') fail('failOn', 'must be a comma list or a list of conditions');
    try {
      parseFailOn(f as string);
    } catch (e) {
      fail('failOn', (e as Error).message.replace(/^invalid --fail-on/, 'invalid'));
    }
    policy.failOn = f as string;
  }

  // Then the shipped JSON Schema (schema/credsweep-policy.schema.json), so what editors check is
  // what runs: it catches unknown keys and the shapes the checks above do not look at.
  const shape = validatePolicyShape(raw);
  if (shape) fail(shape.path.join('.') || '(top level)', shape.message, shape.path);

  const allow = top.allow as { paths?: string[]; values?: string[]; rules?: string[] } | undefined;
  if (allow) {
    policy.allow.paths = allow.paths ?? [];
    policy.allow.rules = allow.rules ?? [];
    for (const [i, v] of (allow.values ?? []).entries()) {
      const re = /^\/(.+)\/$/.exec(v);
      if (!re) policy.allow.values.push(v);
      else if (isValidRegex(re[1])) policy.allow.valuePatterns.push(re[1]);
      else fail(`allow.values.${i}`, 'not a valid regular expression');
    }
  }
  return policy;
}

function isValidRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

function isObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

