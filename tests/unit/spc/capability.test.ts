import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capability } from '../../../src/shared/spc/capability';

describe('capability', () => {
  it('centred process: Cp equals Cpk', () => {
    // (16 - 4) / 6 = 2; both sides (16 - 10) / 3 = 2.
    expect(capability(10, 1, { lower: 4, upper: 16 })).toEqual({ cp: 2, cpk: 2 });
  });

  it('off-centre process: Cpk takes the nearer limit', () => {
    // Cp (16 - 7) / 6 = 1.5; Cpk min((16 - 10) / 3, (10 - 7) / 3) = 1.
    expect(capability(10, 1, { lower: 7, upper: 16 })).toEqual({ cp: 1.5, cpk: 1 });
  });

  it('open side: no Cp, Cpk from the side that exists', () => {
    expect(capability(10, 1, { lower: 7, upper: null })).toEqual({ cp: null, cpk: 1 });
    expect(capability(10, 2, { lower: null, upper: 16 })).toEqual({ cp: null, cpk: 1 });
  });

  it('no sigma or no limits: nothing computable', () => {
    expect(capability(10, 0, { lower: 7, upper: 16 })).toEqual({ cp: null, cpk: null });
    expect(capability(null, null, { lower: 7, upper: 16 })).toEqual({ cp: null, cpk: null });
    expect(capability(10, 1, { lower: null, upper: null })).toEqual({ cp: null, cpk: null });
  });

  it('Cpk never exceeds Cp', () => {
    const finite = fc.double({ min: -1e3, max: 1e3, noNaN: true });
    fc.assert(
      fc.property(
        finite,
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        finite,
        finite,
        (mean, sigma, a, b) => {
          const { cp, cpk } = capability(mean, sigma, {
            lower: Math.min(a, b),
            upper: Math.max(a, b),
          });
          return cp !== null && cpk !== null && cpk <= cp + 1e-9;
        },
      ),
    );
  });
});
