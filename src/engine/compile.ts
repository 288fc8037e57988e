import RE2 from 're2';
import type { Catalogue, RuleSpec } from '../detectors/rule.js';
import { validators, type Validator } from '../detectors/validators/index.js';
import { encodedForms } from './encoded-keywords.js';
import { relaxedPattern } from './relaxed.js';
import { KeywordAutomaton } from './aho-corasick.js';

export const LITERAL_KEYWORD = 1;
export const LITERAL_REQUIRED = 2;
export const LITERAL_ENCODED = 4;

export interface CompiledRule {
  spec: RuleSpec;
  index: number;
  readonly re: RE2;
  /** A cheaper superset of `re` (relaxed.ts), for rules with long bounded repeats: where it finds nothing, `re` would not either. */
  readonly cheap?: RE2;
  /** Name of the secret group, or undefined for group 1. */
  readonly group?: string;
  readonly allow: RE2[];
  readonly validator?: Validator;
}

export interface CompiledCatalogue {
  rules: CompiledRule[];
  /** Every keyword and every keyword's base64 form, case-insensitive: the one-pass prefilter. */
  prefilter: KeywordAutomaton;
  /** Literal id -> lowercased literal: keywords (ids below `keywordCount`), required literals, base64 forms of keywords. */
  literals: string[];
  keywordCount: number;
  /** Literal id -> what it is to the prefilter: LITERAL_KEYWORD | LITERAL_REQUIRED | LITERAL_ENCODED bits. */
  literalKinds: Uint8Array;
  /** Rule index -> ids of its required literals (one must occur in the chunk), or undefined: see required-literals.ts. */
  ruleRequires: Array<number[] | undefined>;
  /** Keyword id (index into `literals`, below `keywordCount`) -> rules that list it. */
  keywordRules: CompiledRule[][];
  /** File format id -> rules bound to it (they run on every file of that format, not by keyword). */
  formatRules: Map<string, CompiledRule[]>;
}

/**
 * A rule whose regexes compile on first use: a scan wakes a fraction of the catalogue, and
 * compiling all ~400 RE2s up front cost each worker ~150 ms, most of a small scan.
 * (The loader already proved every regex compiles.)
 */
class LazyRule implements CompiledRule {
  private compiled?: RE2;
  private relaxed?: RE2 | null;
  private allowList?: RE2[];
  readonly group?: string;
  readonly validator?: Validator;

  constructor(readonly spec: RuleSpec, readonly index: number) {
    this.group = /\(\?P?<secret>/.test(spec.regex) ? 'secret' : undefined;
    this.validator = spec.validate ? validators[spec.validate] : undefined;
  }

  get re(): RE2 {
    return (this.compiled ??= new RE2(this.spec.regex, 'gd'));
  }

  get cheap(): RE2 | undefined {
    if (this.relaxed === undefined) {
      const pattern = relaxedPattern(this.spec.regex);
      try {
        this.relaxed = pattern ? new RE2(pattern) : null;
      } catch {
        this.relaxed = null; // then the rule runs as it is
      }
    }
    return this.relaxed ?? undefined;
  }

  get allow(): RE2[] {
    return (this.allowList ??= (this.spec.allow ?? []).map((a) => new RE2(a)));
  }
}

export function compileCatalogue(cat: Catalogue): CompiledCatalogue {
  const rules: CompiledRule[] = cat.rules.map((spec, index) => new LazyRule(spec, index));
  const byId = new Map(rules.map((r) => [r.spec.id, r]));
  const byIdRequired = (id: string) => byId.get(id)!;
  const keywordRules = new Map<string, CompiledRule[]>();
  const formatRules = new Map<string, CompiledRule[]>();
  for (const r of rules) {
    if (r.spec.fileFormats) {
      for (const f of r.spec.fileFormats) formatRules.set(f, [...(formatRules.get(f) ?? []), r]);
      continue;
    }
    for (const k of r.spec.keywords) {
      const list = keywordRules.get(k) ?? [];
      list.push(r);
      keywordRules.set(k, list);
    }
  }
  // The automaton reports overlapping and nested keywords, so no keyword needs its
  // neighbours' rules; but a rule that needs a partner is useless without it, so the
  // partner runs whenever it does.
  const keys = [...keywordRules.keys()];
  for (const k of keys) {
    const own = new Set(keywordRules.get(k));
    for (const r of [...own]) if (r.spec.requires) own.add(byIdRequired(r.spec.requires.rule));
    keywordRules.set(k, [...own]);
  }
  // Keywords shorter than 4 characters have no stable base64 form worth searching; 8 characters
  // of a form are as selective as all of it and halve the automaton (41k -> 20k states).
  const encodedKeywords = new Set(keys.filter((k) => k.length >= 4).flatMap(encodedForms).map((e) => e.slice(0, 8).toLowerCase()));
  for (const k of keys) encodedKeywords.delete(k);
  // One id per distinct literal; a literal can be a keyword or an encoded form and a required literal too.
  const ids = new Map<string, number>();
  const literals: string[] = [];
  const kinds: number[] = [];
  const add = (lit: string, kind: number): number => {
    let id = ids.get(lit);
    if (id === undefined) {
      id = literals.length;
      ids.set(lit, id);
      literals.push(lit);
      kinds.push(0);
    }
    kinds[id] |= kind;
    return id;
  };
  for (const k of keys) add(k, LITERAL_KEYWORD);
  const ruleRequires = rules.map((r) => {
    if (r.spec.fileFormats || r.spec.keywords.length === 0) return undefined;
    return r.spec.required?.map((l) => add(l.toLowerCase(), LITERAL_REQUIRED));
  });
  for (const e of encodedKeywords) add(e, LITERAL_ENCODED);
  const prefilter = new KeywordAutomaton(literals);
  return {
    rules,
    prefilter,
    literals,
    keywordCount: keys.length,
    literalKinds: Uint8Array.from(kinds),
    ruleRequires,
    keywordRules: keys.map((k) => keywordRules.get(k)!),
    formatRules,
  };
}
