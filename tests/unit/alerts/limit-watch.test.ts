import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  limitsOf,
  watchLimit,
  type Limit,
  type LimitChange,
  type LimitWatch,
} from '../../../src/backend/alerts/rules/limit-watch';

const idle: LimitWatch = { active: false, pendingSinceMs: null };

/** Feeds readings (value, time in seconds) through one limit and collects the changes. */
function run(limit: Limit, readings: [number, number][]): LimitChange[] {
  let watch = idle;
  return readings.map(([value, atS]) => {
    const step = watchLimit(limit, watch, { value, atMs: atS * 1000 });
    watch = step.watch;
    return step.change;
  });
}

const high: Limit = { kind: 'high', value: 80, deadband: 2, onDelayS: 5 };
const low: Limit = { kind: 'low', value: 10, deadband: 1, onDelayS: 0 };

describe('a high limit with deadband and on-delay', () => {
  it('raises once the crossing has lasted the on-delay by message timestamps, not before', () => {
    expect(
      run(high, [
        [81, 0],
        [85, 3],
        [82, 5],
        [90, 6],
      ]),
    ).toEqual([null, null, 'raise', null]);
  });

  it('starts the on-delay again when a reading comes back inside', () => {
    expect(
      run(high, [
        [81, 0],
        [79, 3],
        [81, 4],
        [81, 8],
        [81, 9],
      ]),
    ).toEqual([null, null, null, null, 'raise']);
  });

  it('does not return while inside the limit but within the deadband', () => {
    const noDelay = { ...high, onDelayS: 0 };
    expect(
      run(noDelay, [
        [81, 0],
        [79, 1],
        [78.5, 2],
        [78, 3],
        [81, 4],
      ]),
    ).toEqual(['raise', null, null, 'return', 'raise']);
  });

  it('is not crossed at exactly the limit', () => {
    expect(run({ ...high, onDelayS: 0 }, [[80, 0]])).toEqual([null]);
  });
});

describe('a low limit', () => {
  it('raises below and returns above the limit plus deadband', () => {
    expect(
      run(low, [
        [9, 0],
        [10.5, 1],
        [11, 2],
      ]),
    ).toEqual(['raise', null, 'return']);
  });
});

describe('properties', () => {
  const readings = fc.array(
    fc.tuple(fc.double({ min: 0, max: 200, noNaN: true }), fc.integer({ min: 0, max: 10_000 })),
    { maxLength: 60 },
  );
  const limits = fc.record({
    kind: fc.constantFrom(
      'high_high' as const,
      'high' as const,
      'low' as const,
      'low_low' as const,
    ),
    value: fc.double({ min: 20, max: 180, noNaN: true }),
    deadband: fc.double({ min: 0, max: 10, noNaN: true }),
    onDelayS: fc.integer({ min: 0, max: 30 }),
  });

  it('alternates raise and return, starting with a raise (one alert, not one per message)', () => {
    fc.assert(
      fc.property(limits, readings, (limit, sequence) => {
        const changes = run(
          limit,
          [...sequence].sort((a, b) => a[1] - b[1]),
        ).filter((change) => change !== null);
        changes.forEach((change, i) => expect(change).toBe(i % 2 === 0 ? 'raise' : 'return'));
      }),
    );
  });

  it('never raises on a reading inside the limit, never returns on one outside the deadband', () => {
    fc.assert(
      fc.property(limits, readings, (limit, sequence) => {
        const sorted = [...sequence].sort((a, b) => a[1] - b[1]);
        const isHigh = limit.kind === 'high' || limit.kind === 'high_high';
        run(limit, sorted).forEach((change, i) => {
          const value = sorted[i]![0];
          if (change === 'raise')
            expect(isHigh ? value > limit.value : value < limit.value).toBe(true);
          if (change === 'return') {
            expect(
              isHigh
                ? value <= limit.value - limit.deadband
                : value >= limit.value + limit.deadband,
            ).toBe(true);
          }
        });
      }),
    );
  });
});

describe('limitsOf', () => {
  it('lists the limits a threshold sets, outer ones first', () => {
    const kinds = limitsOf({
      highHigh: 95,
      high: 85,
      low: null,
      lowLow: 5,
      deadband: 1,
      onDelayS: 2,
    }).map((limit) => limit.kind);
    expect(kinds).toEqual(['high_high', 'high', 'low_low']);
  });
});
