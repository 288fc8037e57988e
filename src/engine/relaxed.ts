/**
 * A cheaper superset of a rule's regex: every bounded repeat `{m,n}` (n - m of 8 or more)
 * becomes `{m,}`. RE2 unrolls bounded repeats, so `[^{}]{0,300}?` costs a few milliseconds
 * to compile and keeps its DFA large and slow; the relaxed form compiles in a tenth of the
 * time and scans fast. Whatever the rule matches, the relaxed form matches too (a longer
 * repeat only adds strings), so where it finds nothing the rule is neither compiled nor run:
 * most windows a keyword opens hold no credential.
 *
 * Undefined when there is nothing to relax, or the pattern uses syntax this reader does not
 * follow (`\Q...\E`), so that the rule runs as it is.
 */
export function relaxedPattern(regex: string): string | undefined {
  if (regex.includes('\\Q')) return undefined;
  let out = '';
  let relaxed = false;
  let i = 0;
  while (i < regex.length) {
    const c = regex[i];
    if (c === '\\') {
      out += regex.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c === '[') {
      const end = classEnd(regex, i);
      if (end < 0) return undefined;
      out += regex.slice(i, end);
      i = end;
      continue;
    }
    if (c === '{') {
      const m = /^\{(\d+),(\d+)\}/.exec(regex.slice(i));
      if (m && Number(m[2]) - Number(m[1]) >= 8) {
        out += `{${m[1]},}`;
        i += m[0].length;
        relaxed = true;
        continue;
      }
    }
    out += c;
    i++;
  }
  return relaxed ? out : undefined;
}

/** Index just past the character class opening at `i`, or -1. */
function classEnd(s: string, i: number): number {
  let j = i + 1;
  if (s[j] === '^') j++;
  if (s[j] === ']') j++; // a leading ']' is a member
  while (j < s.length) {
    if (s[j] === '\\') j += 2;
    else if (s.startsWith('[:', j)) {
      const e = s.indexOf(':]', j + 2);
      if (e < 0) return -1;
      j = e + 2;
    } else if (s[j] === ']') return j + 1;
    else j++;
  }
  return -1;
}
