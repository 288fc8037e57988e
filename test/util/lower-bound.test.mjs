import t from 'tap';
import fc from 'fast-check';
import { lowerBound } from '../../dist/util/lower-bound.js';

t.test('lowerBound finds the first index where a sorted array reaches the value', async (t) => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 60 }), fc.integer({ min: -60, max: 60 }), (xs, v) => {
      xs.sort((a, b) => a - b);
      const want = xs.findIndex((x) => x >= v);
      return lowerBound(xs.length, (i) => xs[i] < v) === (want < 0 ? xs.length : want);
    }),
    { seed: 15, numRuns: 500 },
  );
  t.equal(lowerBound(0, () => true), 0);
});
