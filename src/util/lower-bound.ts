/**
 * Binary search over [0, n): the first index at which `before(i)` is false, for a `before`
 * that holds on a prefix of the range (n when it holds everywhere).
 */
export function lowerBound(n: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
