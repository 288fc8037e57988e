/**
 * Literals one of which occurs in every match of a regex: read from the regex's syntax (RE2's
 * own prefilter does the same, but node-re2 does not expose it). The loader stores them on
 * each rule (`required`, cached with the catalogue); the engine adds them to the keyword
 * automaton, so a rule whose keyword occurs in a chunk is compiled and run there only
 * if one of its required literals occurs too: most rules a keyword wakes (a provider name in
 * code, `token` in prose) cannot match where the credential word beside it is missing.
 *
 * Sound by construction, or nothing: every literal is lowercased (the automaton folds ASCII
 * case, as it does for keywords), a part the reader cannot follow (classes of many characters,
 * unbounded repeats, anything unexpected) contributes no literal, and an alternation yields a
 * set only when each branch has one. test/detectors/required-literals.test.mjs checks every rule's
 * examples against the sets.
 */
type Node =
  | { k: 'set'; chars: string[] } // one character of these (already lowercased)
  | { k: 'any' } // something the reader does not follow
  | { k: 'empty' } // matches the empty string only (anchors, flags, word boundaries)
  | { k: 'cat'; xs: Node[] }
  | { k: 'alt'; xs: Node[] }
  | { k: 'rep'; x: Node; min: number; max: number };

const MAX_SET = 64;
const MAX_LEN = 48;
const MIN_USEFUL = 3;
const SMALL_CLASS = 4;

class Parser {
  i = 0;
  constructor(private readonly s: string) {}

  parse(): Node {
    const n = this.alt();
    if (this.i !== this.s.length) throw new Error('unbalanced');
    return n;
  }

  private alt(): Node {
    const xs = [this.cat()];
    while (this.s[this.i] === '|') {
      this.i++;
      xs.push(this.cat());
    }
    return xs.length === 1 ? xs[0] : { k: 'alt', xs };
  }

  private cat(): Node {
    const xs: Node[] = [];
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') xs.push(this.repeat(this.atom()));
    return { k: 'cat', xs };
  }

  private repeat(x: Node): Node {
    for (;;) {
      const c = this.s[this.i];
      let min: number;
      let max: number;
      if (c === '*') [min, max] = [0, Infinity];
      else if (c === '+') [min, max] = [1, Infinity];
      else if (c === '?') [min, max] = [0, 1];
      else if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.i));
        if (!m) return x; // a literal brace, read by atom() next
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
        this.i += m[0].length - 1;
      } else return x;
      this.i++;
      if (this.s[this.i] === '?') this.i++; // lazy: the same strings
      x = { k: 'rep', x, min, max };
    }
  }

  private atom(): Node {
    const s = this.s;
    const c = s[this.i++];
    if (c === '(') {
      if (s[this.i] === '?') {
        const flags = /^\?([a-zA-Z-]*)\)/.exec(s.slice(this.i));
        if (flags) {
          this.i += flags[0].length;
          return { k: 'empty' };
        }
        const open = /^\?(?:[a-zA-Z-]*:|P?<[A-Za-z_][A-Za-z0-9_]*>)/.exec(s.slice(this.i));
        if (!open) throw new Error('group');
        this.i += open[0].length;
      }
      const inner = this.alt();
      if (s[this.i++] !== ')') throw new Error('unbalanced');
      return inner;
    }
    if (c === '[') return this.charClass();
    if (c === '\\') return this.escape(false) ?? { k: 'empty' };
    if (c === '.') return { k: 'any' };
    if (c === '^' || c === '$') return { k: 'empty' };
    if (c === undefined) throw new Error('end');
    return lit(c);
  }

  /** After a backslash: a character, a class (any), or undefined for a zero-width assertion. */
  private escape(inClass: boolean): Node | undefined {
    const s = this.s;
    const c = s[this.i++];
    if (c === undefined) throw new Error('end');
    if ('dDwWsSpPC'.includes(c)) {
      if ((c === 'p' || c === 'P') && s[this.i] === '{') this.i = s.indexOf('}', this.i) + 1;
      else if (c === 'p' || c === 'P') this.i++;
      return { k: 'any' };
    }
    if (!inClass && 'bBAzG'.includes(c)) return undefined;
    if (c === 'x') {
      const m = /^\{([0-9A-Fa-f]+)\}|^([0-9A-Fa-f]{2})/.exec(s.slice(this.i));
      if (!m) throw new Error('hex');
      this.i += m[0].length;
      return lit(String.fromCodePoint(parseInt(m[1] ?? m[2], 16)));
    }
    const named: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f', v: '\v', a: '\x07' };
    if (named[c]) return lit(named[c]);
    if (/[0-9A-Za-z]/.test(c)) throw new Error(`escape \\${c}`); // \Q, octal, back-references: not followed
    return lit(c);
  }

  private charClass(): Node {
    const s = this.s;
    let negated = false;
    if (s[this.i] === '^') {
      negated = true;
      this.i++;
    }
    const chars = new Set<string>();
    let big = false;
    let first = true;
    while (first || s[this.i] !== ']') {
      first = false;
      if (this.i >= s.length) throw new Error('class');
      if (s.startsWith('[:', this.i)) {
        const end = s.indexOf(':]', this.i);
        if (end < 0) throw new Error('class');
        this.i = end + 2;
        big = true;
        continue;
      }
      const lo = this.classChar();
      if (lo === undefined) {
        big = true;
        continue;
      }
      if (s[this.i] === '-' && s[this.i + 1] !== ']' && this.i + 1 < s.length) {
        this.i++;
        const hi = this.classChar();
        if (hi === undefined) throw new Error('range');
        const a = lo.codePointAt(0)!;
        const b = hi.codePointAt(0)!;
        if (b - a >= SMALL_CLASS) big = true;
        else for (let x = a; x <= b; x++) chars.add(String.fromCodePoint(x));
        continue;
      }
      chars.add(lo);
    }
    this.i++;
    if (negated || big) return { k: 'any' };
    const folded = [...new Set([...chars].map((x) => x.toLowerCase()))];
    return folded.length <= SMALL_CLASS && folded.every(ascii) ? { k: 'set', chars: folded } : { k: 'any' };
  }

  /** One character of a class, or undefined for a class escape (\w, \d...). */
  private classChar(): string | undefined {
    const c = this.s[this.i++];
    if (c !== '\\') return c;
    const n = this.escape(true);
    return n && n.k === 'set' ? n.chars[0] : undefined;
  }
}

const ascii = (c: string) => c.charCodeAt(0) < 128;
const lit = (c: string): Node => (ascii(c) ? { k: 'set', chars: [c.toLowerCase()] } : { k: 'any' });

/** Every string the node can match, when few and short; null otherwise. */
function exact(n: Node): Set<string> | null {
  switch (n.k) {
    case 'set':
      return new Set(n.chars);
    case 'empty':
      return new Set(['']);
    case 'any':
      return null;
    case 'cat': {
      let acc: Set<string> | null = new Set(['']);
      for (const x of n.xs) {
        acc = product(acc, exact(x));
        if (!acc) return null;
      }
      return acc;
    }
    case 'alt': {
      const out = new Set<string>();
      for (const x of n.xs) {
        const e = exact(x);
        if (!e) return null;
        for (const s of e) out.add(s);
      }
      return out.size <= MAX_SET ? out : null;
    }
    case 'rep': {
      if (n.max > 4) return null;
      const e = exact(n.x);
      if (!e) return null;
      let acc: Set<string> | null = new Set(['']);
      const out = new Set<string>(n.min === 0 ? [''] : []);
      for (let r = 1; r <= n.max; r++) {
        acc = product(acc, e);
        if (!acc) return null;
        if (r >= n.min) for (const s of acc) out.add(s);
      }
      return out.size <= MAX_SET ? out : null;
    }
  }
}

function product(a: Set<string> | null, b: Set<string> | null): Set<string> | null {
  if (!a || !b || a.size * b.size > MAX_SET) return null;
  const out = new Set<string>();
  for (const x of a) for (const y of b) if ((x + y).length <= MAX_LEN) out.add(x + y);
  else return null;
  return out;
}

/** How selective a set is: its shortest string's length (longer is rarer), then fewer strings. */
const score = (s: Set<string>) => Math.min(...[...s].map((x) => x.length)) * 1000 - s.size;

/** Sets one string of each of which occurs in every match of `n` (each alone suffices). */
function factors(n: Node): Array<Set<string>> {
  const e = exact(n);
  if (e && !e.has('')) return [e];
  if (n.k === 'rep') return n.min >= 1 ? factors(n.x) : [];
  if (n.k === 'alt') {
    const union = new Set<string>();
    for (const x of n.xs) {
      const best = pick(factors(x));
      if (!best) return [];
      for (const s of best) union.add(s);
    }
    return union.size <= MAX_SET ? [union] : [];
  }
  if (n.k !== 'cat') return [];
  const out: Array<Set<string>> = [];
  // Runs of neighbours with exact sets multiply out (`client` `[_-]?` `secret`).
  let run: Set<string> | null = null;
  for (const x of n.xs) {
    const ex = exact(x);
    const next: Set<string> | null = ex && run ? product(run, ex) : ex;
    if (next && !next.has('')) out.push(next);
    run = next;
    if (!ex) out.push(...factors(x));
  }
  return out;
}

/** The set without strings that hold another of its strings (that one occurs wherever they do). */
function minimal(s: Set<string>): Set<string> {
  return new Set([...s].filter((x) => ![...s].some((y) => y !== x && x.includes(y))));
}

/** Picks the most selective set; with `keywords`, none whose every string is inside a keyword (it would say nothing more). */
function pick(sets: Array<Set<string>>, keywords?: string[]): Set<string> | undefined {
  let best: Set<string> | undefined;
  for (const raw of sets) {
    if (raw.size === 0 || raw.has('')) continue;
    const s = minimal(raw);
    if (keywords && [...s].every((x) => keywords.some((k) => k.includes(x)))) continue;
    if (!best || score(s) > score(best)) best = s;
  }
  return best;
}

/**
 * Lowercase literals, one of which occurs in every match of `regex` (RE2 syntax), chosen to
 * say more than the rule's `keywords` do; undefined when there is no such set of literals
 * of at least three characters.
 */
export function requiredLiterals(regex: string, keywords: string[] = []): string[] | undefined {
  let root: Node;
  try {
    root = new Parser(regex).parse();
  } catch {
    return undefined;
  }
  const best = pick(factors(root), keywords.map((k) => k.toLowerCase()));
  if (!best || score(best) < MIN_USEFUL * 1000 - MAX_SET) return undefined;
  return [...best].sort();
}
