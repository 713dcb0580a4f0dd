import { describe, expect, it } from 'vitest';
import { computeOee, type HourFigures } from '../../../src/backend/scoring/oee';
import { shiftAt } from '../../../src/shared/rules/shifts';
import { judge } from '../../../src/backend/scoring/verdict';

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 22, 6); // 06:00 UTC
const shifts = [
  { name: 'Early', start: '06:00' },
  { name: 'Late', start: '14:00' },
  { name: 'Night', start: '22:00' },
];

const hour = (
  machineId: string,
  lineId: string,
  i: number,
  f: Partial<HourFigures>,
): HourFigures => ({
  machineId,
  lineId,
  hourStartMs: T0 + i * H,
  plannedS: 3600,
  runS: 0,
  units: 0,
  firstPassTested: 0,
  firstPassGood: 0,
  ...f,
});

describe('verdicts', () => {
  it.each([
    [85, { id: 1, lower: 80, upper: 90 }, 'PASS'],
    [80, { id: 1, lower: 80, upper: 90 }, 'PASS'],
    [90.0001, { id: 1, lower: 80, upper: 90 }, 'FAIL'],
    [79, { id: 1, lower: 80, upper: null }, 'FAIL'],
    [1e9, { id: 1, lower: 80, upper: null }, 'PASS'],
    [-1e9, { id: 1, lower: null, upper: 0 }, 'PASS'],
    [1, null, 'NO_SPEC'],
  ] as const)('%s against %o is %s', (value, limits, verdict) => {
    expect(judge(value, limits)).toBe(verdict);
  });
});

describe('OEE', () => {
  const ideal = new Map<string, number | null>([
    ['M-1', 10],
    ['M-2', 20],
  ]);

  it('computes availability, performance and quality from sums, per machine and per line', () => {
    const hours = [
      hour('M-1', 'L-1', 0, { runS: 1800, units: 150, firstPassTested: 100, firstPassGood: 90 }),
      hour('M-2', 'L-1', 0, { runS: 3600, units: 90, firstPassTested: 10, firstPassGood: 10 }),
    ];
    const rows = computeOee(hours, ideal, {
      bucketing: 'total',
      shifts,
      timeZone: 'UTC',
      fromMs: T0,
      toMs: T0 + H,
    });
    const m1 = rows.find((r) => r.machineId === 'M-1')!;
    expect(m1.availability).toBeCloseTo(0.5);
    expect(m1.performance).toBeCloseTo((10 * 150) / 1800);
    expect(m1.quality).toBeCloseTo(0.9);
    expect(m1.oee).toBeCloseTo(0.5 * (1500 / 1800) * 0.9);
    const line = rows.find((r) => r.machineId === null)!;
    // Times and counts add; the line's figures are not the average of the machines'.
    expect(line.availability).toBeCloseTo((1800 + 3600) / 7200);
    expect(line.performance).toBeCloseTo((10 * 150 + 20 * 90) / (1800 + 3600));
    expect(line.quality).toBeCloseTo(100 / 110);
  });

  it('leaves performance unknown without an ideal cycle time, and quality unknown without tests', () => {
    const rows = computeOee([hour('M-9', 'L-2', 0, { runS: 100, units: 5 })], new Map(), {
      bucketing: 'total',
      shifts,
      timeZone: 'UTC',
      fromMs: T0,
      toMs: T0 + H,
    });
    expect(rows[0]).toMatchObject({ performance: null, quality: null, oee: null });
  });

  it('groups hours into shifts by local time, the night shift running past midnight', () => {
    expect(shiftAt(shifts, T0, 'UTC')?.name).toBe('Early');
    expect(shiftAt(shifts, T0 + 8 * H, 'UTC')?.name).toBe('Late');
    const lateNight = shiftAt(shifts, T0 + 19 * H, 'UTC'); // 01:00 next day
    expect(lateNight?.name).toBe('Night');
    expect(lateNight?.startMs).toBe(T0 + 16 * H); // 22:00 the day before
    expect(shiftAt(shifts, T0, 'Europe/Berlin')?.name).toBe('Early'); // 07:00 local
    expect(shiftAt(shifts, T0 - H, 'Europe/Berlin')?.name).toBe('Early'); // 06:00 local
    const hours = Array.from({ length: 24 }, (_, i) => hour('M-1', 'L-1', i, { runS: 3600 }));
    const rows = computeOee(hours, ideal, {
      bucketing: 'shift',
      shifts,
      timeZone: 'UTC',
      fromMs: T0,
      toMs: T0 + 24 * H,
    });
    const labels = rows.filter((r) => r.machineId === 'M-1').map((r) => [r.label, r.plannedS]);
    expect(labels).toEqual([
      ['2026-11-22 Early', 8 * 3600],
      ['2026-11-22 Late', 8 * 3600],
      ['2026-11-22 Night', 8 * 3600],
    ]);
  });

  it.each([
    // Europe/Berlin: 2027-03-28 02:00 → 03:00 (spring), 2026-10-25 03:00 → 02:00 (autumn).
    ['Europe/Berlin', '2027-03-27T21:00:00Z', 7],
    ['Europe/Berlin', '2026-10-24T20:00:00Z', 9],
    // America/Chicago: 2027-03-14 02:00 → 03:00 (spring), 2026-11-01 02:00 → 01:00 (autumn).
    ['America/Chicago', '2027-03-14T04:00:00Z', 7],
    ['America/Chicago', '2026-11-01T03:00:00Z', 9],
  ] as const)(
    'gives a night shift across a daylight-saving change in %s its real length',
    (timeZone, nightStart, hoursLong) => {
      const startMs = Date.parse(nightStart); // 22:00 local
      const hours = Array.from({ length: hoursLong }, (_, i) => ({
        ...hour('M-1', 'L-1', 0, { runS: 3600 }),
        hourStartMs: startMs + i * H,
      }));
      const rows = computeOee(hours, ideal, {
        bucketing: 'shift',
        shifts,
        timeZone,
        fromMs: startMs,
        toMs: startMs + hoursLong * H,
      });
      const machine = rows.filter((row) => row.machineId === 'M-1');
      expect(machine).toHaveLength(1);
      expect(machine[0]).toMatchObject({ plannedS: hoursLong * 3600 });
      expect(machine[0]!.label).toMatch(/ Night$/);
      expect(Date.parse(machine[0]!.bucketEnd) - Date.parse(machine[0]!.bucketStart)).toBe(
        hoursLong * H,
      );
    },
  );
});
