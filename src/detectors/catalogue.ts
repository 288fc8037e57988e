import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import RE2 from 're2';
import { parse } from 'yaml';
import type { Confidence } from '../types.js';
import type { Catalogue, RuleSpec, RuleExample } from './rule.js';
import { validators } from './validators/index.js';
import { CATEGORIES, UNCATEGORISED, isCategory } from './categories.js';
import { configDir } from '../util/config-dir.js';
import { fileFormat } from './file-formats.js';
import { requiredLiterals } from './required-literals.js';
import { VERSION } from '../version.js';

export class CatalogueError extends Error {
  constructor(readonly file: string, readonly ruleId: string | undefined, message: string) {
    super(`${file}${ruleId ? ` rule '${ruleId}'` : ''}: ${message}`);
    this.name = 'CatalogueError';
  }
}

/** The `detectors/` folder shipped with the package (dist/detectors/ -> ../../detectors). */
export function defaultCatalogueDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'detectors');
}

/** Bump when the loader derives rule fields differently: it invalidates cached catalogues. */
const LOADER_FORMAT = 5;

const CONFIDENCES: Confidence[] = ['low', 'medium', 'high'];
const ID = /^[a-z0-9][a-z0-9-]*$/;

/** Loads and validates every `*.yaml` file in `dir`; throws CatalogueError naming file and rule. */
export function loadCatalogue(dir: string = defaultCatalogueDir()): Catalogue {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort();
  const hasher = createHash('sha256').update(`credsweep-catalogue-${VERSION}-${LOADER_FORMAT}\0`);
  const texts = files.map((f) => {
    const text = readFileSync(join(dir, f), 'utf8');
    hasher.update(f).update('\0').update(text).update('\0');
    return text;
  });
  const hash = hasher.digest('hex');
  const cached = readCache(cacheFile(hash), hash) ?? readCache(shippedCacheFile(dir, hash), hash);
  if (cached) return cached;
  const rules: RuleSpec[] = [];
  const seen = new Map<string, string>();
  for (const [i, f] of files.entries()) {
    const path = join(dir, f);
    const text = texts[i];
    for (const rule of parseFile(path, text)) {
      const prev = seen.get(rule.id);
      if (prev) throw new CatalogueError(basename(path), rule.id, `duplicate id (also in ${prev})`);
      seen.set(rule.id, basename(path));
      rules.push(rule);
    }
  }
  if (rules.length === 0) throw new CatalogueError(dir, undefined, 'no rules found');
  for (const r of rules) {
    if (r.requires && !seen.has(r.requires.rule)) {
      throw new CatalogueError(r.file, r.id, `requires unknown rule '${r.requires.rule}'`);
    }
  }
  const catalogue = { rules, hash };
  writeCache(catalogue);
  return catalogue;
}

// Parsing and validating hundreds of YAML rules costs more than a small scan; a validated
// catalogue is cached as JSON under the user's config dir, keyed by the files' content hash.
function cacheFile(hash: string): string {
  return join(configDir(), 'cache', `catalogue-${hash.slice(0, 32)}.json`);
}

// The Action's bundle (scripts/build-action.mjs) ships its catalogue validated, beside its
// detectors/: a runner starts with an empty cache, and validating costs seconds there. The
// hash check makes it apply only to exactly these rule files, this version and loader.
function shippedCacheFile(dir: string, hash: string): string {
  return join(dir, '..', 'catalogue-cache', basename(cacheFile(hash)));
}

function readCache(file: string, hash: string): Catalogue | undefined {
  try {
    const c = JSON.parse(readFileSync(file, 'utf8')) as Catalogue;
    return c.hash === hash && Array.isArray(c.rules) ? c : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(c: Catalogue): void {
  try {
    const file = cacheFile(c.hash);
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(c), { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    // A read-only home only costs the next run a re-parse.
  }
}

function parseFile(path: string, text: string): RuleSpec[] {
  const file = basename(path);
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new CatalogueError(file, undefined, `invalid YAML: ${(e as Error).message}`);
  }
  if (!isObj(doc) || !Array.isArray(doc.rules)) {
    throw new CatalogueError(file, undefined, 'expected a top-level `rules:` list');
  }
  const provider = typeof doc.provider === 'string' ? doc.provider : file.replace(/\.ya?ml$/, '');
  // A file written before categories existed keeps its family when its provider names one
  // (`provider: generic`, `config-file`, `connection-string`).
  let category: string = isCategory(provider) ? provider : UNCATEGORISED;
  if (doc.category !== undefined) {
    if (typeof doc.category !== 'string' || !isCategory(doc.category)) {
      throw new CatalogueError(file, undefined, `unknown category '${String(doc.category)}' (one of: ${Object.keys(CATEGORIES).join(', ')})`);
    }
    category = doc.category;
  }
  return doc.rules.map((raw: unknown, i: number) => ({ ...parseRule(file, provider, raw, i), category }));
}

function parseRule(file: string, defaultProvider: string, raw: unknown, index: number): Omit<RuleSpec, 'category'> {
  if (!isObj(raw)) throw new CatalogueError(file, `#${index}`, 'rule must be a mapping');
  const id = raw.id;
  if (typeof id !== 'string' || !ID.test(id)) {
    throw new CatalogueError(file, String(id ?? `#${index}`), 'id must be lowercase letters, digits and dashes');
  }
  const fail = (msg: string): never => {
    throw new CatalogueError(file, id, msg);
  };
  const str = (k: string, required = true): string | undefined => {
    const v = raw[k];
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || v.length === 0) fail(`\`${k}\` must be a non-empty string`);
    return v as string;
  };
  const regex = str('regex')!;
  let re: RE2;
  try {
    re = new RE2(regex, 'u');
  } catch (e) {
    return fail(`regex does not compile in RE2: ${(e as Error).message}`);
  }
  const groups = countGroups(regex);
  if (groups.capturing === 0) fail('regex needs a capture group for the secret');
  if (groups.capturing > 1 && !groups.named.includes('secret')) {
    fail('regex has several capture groups: name the secret one (?P<secret>...) or make the others non-capturing');
  }
  const formats = raw.fileFormats;
  if (formats !== undefined) {
    if (!Array.isArray(formats) || formats.length === 0) fail('`fileFormats` must be a non-empty list of file format ids');
    for (const f of formats as unknown[]) if (typeof f !== 'string' || !fileFormat(f)) fail(`unknown file format '${f}'`);
  }
  // A rule bound to file formats runs on those files whatever they contain.
  const keywords = raw.keywords ?? (formats ? [] : undefined);
  if (!Array.isArray(keywords) || (keywords.length === 0 && !formats) || !keywords.every((k) => typeof k === 'string' && k.length > 0)) {
    fail('`keywords` must be a non-empty list of strings');
  }
  for (const k of keywords as string[]) if (k !== k.toLowerCase()) fail(`keyword '${k}' must be lowercase`);
  const confidence = (raw.confidence ?? 'medium') as Confidence;
  if (!CONFIDENCES.includes(confidence)) fail('`confidence` must be low, medium or high');
  if (raw.entropy !== undefined && (typeof raw.entropy !== 'number' || raw.entropy < 0 || raw.entropy > 8)) {
    fail('`entropy` must be a number between 0 and 8');
  }
  const validate = str('validate', false);
  if (validate && !validators[validate]) fail(`unknown validator '${validate}'`);
  const allow = raw.allow ?? [];
  if (!Array.isArray(allow)) fail('`allow` must be a list of regexes');
  for (const a of allow as unknown[]) {
    try {
      new RE2(String(a), 'u');
    } catch (e) {
      fail(`allow pattern '${a}' does not compile: ${(e as Error).message}`);
    }
  }
  let requires: RuleSpec['requires'];
  if (raw.requires !== undefined) {
    const rq = raw.requires;
    if (!isObj(rq) || typeof rq.rule !== 'string' || typeof rq.within !== 'number') {
      fail('`requires` must be { rule: ID, within: LINES }');
    }
    requires = { rule: (rq as { rule: string }).rule, within: (rq as { within: number }).within };
  }
  const examples = raw.examples;
  if (!Array.isArray(examples) || examples.length === 0) fail('needs at least one example');
  const ex: RuleExample[] = (examples as unknown[]).map((e, i) => {
    if (!isObj(e) || typeof e.text !== 'string' || typeof e.secret !== 'string') {
      return fail(`example #${i} must be { text, secret }`);
    }
    return { text: e.text, secret: e.secret, path: typeof e.path === 'string' ? e.path : undefined };
  });
  const negatives = raw.negatives ?? [];
  if (!Array.isArray(negatives) || !negatives.every((n) => typeof n === 'string')) {
    fail('`negatives` must be a list of strings');
  }
  void re;
  const required = formats ? undefined : requiredLiterals(regex, keywords as string[]);
  if (raw.window !== undefined && (typeof raw.window !== 'number' || raw.window < 0)) fail('`window` must be a number of bytes');
  return {
    id,
    window: windowFor(regex, keywords as string[], ex, raw.window as number | undefined, requires?.within),
    name: str('name')!,
    provider: str('provider', false) ?? defaultProvider,
    regex,
    keywords: keywords as string[],
    ...(required ? { required } : {}),
    ...(formats ? { fileFormats: formats as string[] } : {}),
    confidence,
    entropy: raw.entropy as number | undefined,
    validate,
    allow: allow as string[],
    requires,
    generic: raw.generic === true,
    binary: raw.binary === true,
    description: str('description', false),
    examples: ex,
    negatives: negatives as string[],
    ...(raw.verify !== undefined ? { verify: isObj(raw.verify) ? raw.verify : fail('`verify` must be a mapping') } : {}),
    file,
  };
}

// Most secrets sit on their keyword's line or the next few; examples and `requires` raise it.
const DEFAULT_WINDOW = 512;
const MULTILINE_WINDOW = 64 * 1024;
// Formats whose match can run over many lines from the keyword on.
const MULTILINE = /BEGIN|PuTTY|\(\?[a-z]*s[a-z]*\)|\[\\s\\S\]|\[\\S\\s\]/;

/** How far from a keyword hit the rule's regex must look: at least what every example needs. */
function windowFor(regex: string, keywords: string[], examples: RuleExample[], explicit?: number, requiresWithin?: number): number {
  let w = explicit ?? (MULTILINE.test(regex) ? MULTILINE_WINDOW : DEFAULT_WINDOW);
  // A pair may sit `within` lines apart: allow long lines.
  if (requiresWithin !== undefined) w = Math.max(w, (requiresWithin + 1) * 200);
  for (const ex of examples) {
    const text = ex.text.toLowerCase();
    const at = ex.text.indexOf(ex.secret);
    if (at < 0) continue;
    const end = Buffer.byteLength(ex.text.slice(0, at + ex.secret.length));
    const start = Buffer.byteLength(ex.text.slice(0, at));
    let best = Infinity;
    for (const k of keywords) {
      for (let i = text.indexOf(k); i >= 0; i = text.indexOf(k, i + 1)) {
        const ks = Buffer.byteLength(ex.text.slice(0, i));
        best = Math.min(best, Math.max(Math.abs(end - ks), Math.abs(ks - start)));
      }
    }
    if (best !== Infinity) w = Math.max(w, 2 * best + 256);
  }
  return w;
}

/** Counts capturing groups, skipping escapes, classes and (?:...) / lookaround-like forms. */
function countGroups(src: string): { capturing: number; named: string[] } {
  let capturing = 0;
  const named: string[] = [];
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') {
      if (src[i + 1] !== '?') capturing++;
      else {
        const m = /^\(\?P?<([A-Za-z_]\w*)>/.exec(src.slice(i));
        if (m) {
          capturing++;
          named.push(m[1]);
        }
      }
    }
  }
  return { capturing, named };
}

function isObj(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
