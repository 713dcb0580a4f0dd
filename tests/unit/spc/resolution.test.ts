import { describe, expect, it } from 'vitest';
import { dataDecimals, derivedDecimals, roundTo } from '../../../src/shared/spc/resolution';

describe('labels rounded to what the data supports', () => {
  it('finds the decimals the measurements carry', () => {
    expect(dataDecimals([84, 85, 86])).toBe(0);
    expect(dataDecimals([84.2, 85.1, 86])).toBe(1);
    expect(dataDecimals([0.125, 1.5])).toBe(3);
    // Floating-point noise is not a measured digit.
    expect(dataDecimals([0.1 + 0.2, 1.7])).toBe(1);
    expect(dataDecimals([Math.PI])).toBe(6);
    expect(dataDecimals([])).toBe(0);
  });

  it('shows derived figures one digit finer, without trailing zeros', () => {
    expect(derivedDecimals([84.2, 85.1])).toBe(2);
    expect(roundTo(86.61190476, 2)).toBe('86.61');
    expect(roundTo(85.0, 2)).toBe('85');
    expect(roundTo(81.54999, 2)).toBe('81.55');
    expect(roundTo(-0.0001, 2)).toBe('0');
  });
});
