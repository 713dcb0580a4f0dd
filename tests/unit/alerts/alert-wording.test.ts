import { describe, expect, it } from 'vitest';
import { thresholdCondition } from '../../../src/backend/alerts/rules/conditions';

describe('alert wording', () => {
  it('starts with a capital, gives the limit and the value with their unit, names only its machine', () => {
    const condition = thresholdCondition(
      { lineId: 'LINE-1', machineId: 'MACH-1-02' },
      'temperature',
      { kind: 'high_high', value: 110 },
      123.7,
    );
    // A no-break space between value and unit: they never part at a line end.
    expect(condition.message).toBe(
      'Temperature of MACH-1-02 is above its high-high limit 110\u00a0°C: 123.7\u00a0°C',
    );
    expect(condition.message).not.toContain('LINE-1');
  });

  it('reads a metric without a known unit as words', () => {
    const condition = thresholdCondition(
      { lineId: 'L', machineId: 'M-1' },
      'spindle_load',
      { kind: 'low', value: 3 },
      1.5,
    );
    expect(condition.message).toBe('Spindle load of M-1 is below its low limit 3: 1.5');
  });
});
