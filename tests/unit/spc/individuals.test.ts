import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { individualsStats } from '../../../src/shared/spc/individuals';

describe('individualsStats', () => {
  it('needs two points for a moving range', () => {
    expect(individualsStats([])).toBeNull();
    expect(individualsStats([4])).toBeNull();
  });

  it('matches a hand-computed series', () => {
    // Mean 46/4 = 11.5; moving ranges 2, 1, 2 → MR̄ 5/3; sigma 5/3 / 1.128.
    const stats = individualsStats([10, 12, 11, 13]);
    expect(stats?.mean).toBeCloseTo(11.5, 12);
    expect(stats?.movingRangeMean).toBeCloseTo(5 / 3, 12);
    expect(stats?.sigma).toBeCloseTo(1.477541, 6);
    expect(stats?.upperControl).toBeCloseTo(11.5 + 4.432624, 6);
    expect(stats?.lowerControl).toBeCloseTo(11.5 - 4.432624, 6);
  });

  it('limits are mean ± 3 sigma and sigma ignores a shift of every value', () => {
    const series = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2 });
    fc.assert(
      fc.property(series, fc.double({ min: -1e3, max: 1e3, noNaN: true }), (values, shift) => {
        const stats = individualsStats(values);
        const shifted = individualsStats(values.map((value) => value + shift));
        if (!stats || !shifted) return false;
        expect(stats.upperControl - stats.lowerControl).toBeCloseTo(6 * stats.sigma, 6);
        expect(shifted.sigma).toBeCloseTo(stats.sigma, 6);
        return stats.sigma >= 0;
      }),
    );
  });
});
