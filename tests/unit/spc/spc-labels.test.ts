import { describe, expect, it } from 'vitest';
import { histogram } from '../../../src/shared/spc/histogram';
import { individualsStats } from '../../../src/shared/spc/individuals';
import { derivedDecimals, spcLabels } from '../../../src/shared/spc/resolution';

/** Measured to 0.1, as a torque station reports them. */
const VALUES = [84.2, 84.6, 85.1, 84.4, 83.9, 84.8, 84.1, 85.0, 84.3, 83.8, 86.1, 86.4];

describe('SPC chart labels, rounded to what the data supports', () => {
  const labels = spcLabels(derivedDecimals(VALUES));

  it('labels histogram bins and the axis one digit finer than the data', () => {
    // 6 / 5 = 1.2 wide bins from 82: "82 – 83.2", never "82 – 83.19999999999999".
    const [first, second] = histogram(VALUES, 5, [82, 88]);
    expect(labels.bin(first!.from, first!.to, first!.count)).toBe('82 – 83.2: 0 results');
    expect(labels.bin(second!.from, second!.to, 1)).toBe('83.2 – 84.4: 1 result');
    expect(labels.number(81.39999999)).toBe('81.4');
    expect(labels.number(84)).toBe('84');
    expect(labels.line('USL', 88)).toBe('USL 88');
  });

  it('labels the control limits and the mean the same way', () => {
    const stats = individualsStats(VALUES)!;
    for (const [name, value] of [
      ['UCL', stats.upperControl],
      ['Mean', stats.mean],
      ['LCL', stats.lowerControl],
    ] as const) {
      expect(labels.line(name, value)).toMatch(new RegExp(`^${name} \\d+(\\.\\d{1,2})?$`));
    }
  });
});
