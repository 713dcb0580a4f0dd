import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultBinCount, histogram } from '../../../src/shared/spc/histogram';

describe('histogram', () => {
  it('bins a hand-counted series; the maximum lands in the last bin', () => {
    expect(histogram([0, 1, 2, 3, 4], 2)).toEqual([
      { from: 0, to: 2, count: 2 },
      { from: 2, to: 4, count: 3 },
    ]);
  });

  it('widens the range to include spec limits', () => {
    const bins = histogram([5, 6], 5, [0, 10]);
    expect(bins[0]?.from).toBe(0);
    expect(bins.at(-1)?.to).toBe(10);
    expect(bins.map((bin) => bin.count)).toEqual([0, 0, 1, 1, 0]);
  });

  it('gives one equal series a width and nothing for no values', () => {
    expect(histogram([3, 3], 1)).toEqual([{ from: 2.5, to: 3.5, count: 2 }]);
    expect(histogram([])).toEqual([]);
  });

  it('keeps between 5 and 30 bars', () => {
    expect(defaultBinCount(4)).toBe(5);
    expect(defaultBinCount(100)).toBe(10);
    expect(defaultBinCount(10_000)).toBe(30);
  });

  it('counts every value exactly once', () => {
    const values = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1 });
    fc.assert(
      fc.property(values, fc.integer({ min: 1, max: 40 }), (series, bins) => {
        const total = histogram(series, bins).reduce((sum, bin) => sum + bin.count, 0);
        return total === series.length;
      }),
    );
  });
});
