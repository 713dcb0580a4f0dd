import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { toPlantInput } from '../../../src/shared/rules/plant-time';
import {
  describeDuration,
  presetRange as presetRangeIn,
  shiftsAt as shiftsAtIn,
} from '../../../src/renderer/src/lib/report-range';

/**
 * November 2026 on the wall clock of a plant in Chicago, whatever zone runs the tests: the
 * ranges follow the plant's time zone setting, not the browser's.
 */
const ZONE = 'America/Chicago';
const at = (day: number, hour: number, minute = 0): number =>
  DateTime.fromObject({ year: 2026, month: 11, day, hour, minute }, { zone: ZONE }).toMillis();
const shiftsAt = (shifts: Parameters<typeof shiftsAtIn>[0], nowMs: number) =>
  shiftsAtIn(shifts, nowMs, ZONE);
const presetRange = (
  preset: Parameters<typeof presetRangeIn>[0],
  shifts: Parameters<typeof presetRangeIn>[1],
  nowMs: number,
) => presetRangeIn(preset, shifts, nowMs, ZONE);

const THREE_SHIFTS = [
  { name: 'Early', start: '06:00' },
  { name: 'Late', start: '14:00' },
  { name: 'Night', start: '22:00' },
];

describe('report time ranges', () => {
  it('places the current and the last shift, including the night across midnight', () => {
    expect(shiftsAt(THREE_SHIFTS, at(23, 10, 30))).toEqual({
      current: { name: 'Early', fromMs: at(23, 6), toMs: at(23, 14) },
      previous: { name: 'Night', fromMs: at(22, 22), toMs: at(23, 6) },
    });
    // 02:00 belongs to the night shift that started yesterday at 22:00.
    expect(shiftsAt(THREE_SHIFTS, at(23, 2))).toEqual({
      current: { name: 'Night', fromMs: at(22, 22), toMs: at(23, 6) },
      previous: { name: 'Late', fromMs: at(22, 14), toMs: at(22, 22) },
    });
  });

  it('ends "so far" ranges now, and never before they start', () => {
    expect(presetRange('current-shift', THREE_SHIFTS, at(23, 15, 5))).toEqual({
      fromMs: at(23, 14),
      toMs: at(23, 15, 5),
      label: 'Late shift, so far',
    });
    // At the shift's first instant the range still covers a minute.
    expect(presetRange('current-shift', THREE_SHIFTS, at(23, 14)).toMs).toBe(at(23, 14, 1));
    expect(presetRange('last-shift', THREE_SHIFTS, at(23, 15, 5))).toEqual({
      fromMs: at(23, 6),
      toMs: at(23, 14),
      label: 'Early shift',
    });
  });

  it('works with a shift plan given out of order and with a single 24-hour shift', () => {
    const unordered = [THREE_SHIFTS[2]!, THREE_SHIFTS[0]!, THREE_SHIFTS[1]!];
    expect(presetRange('last-shift', unordered, at(23, 7)).fromMs).toBe(at(22, 22));
    const single = [{ name: 'Day', start: '07:00' }];
    expect(presetRange('last-shift', single, at(23, 6))).toEqual({
      fromMs: at(21, 7),
      toMs: at(22, 7),
      label: 'Day shift',
    });
  });

  it('covers calendar days for today, yesterday and the last 7 days', () => {
    const now = at(23, 9, 41);
    expect(presetRange('today', THREE_SHIFTS, now)).toMatchObject({ fromMs: at(23, 0), toMs: now });
    expect(presetRange('yesterday', THREE_SHIFTS, now)).toMatchObject({
      fromMs: at(22, 0),
      toMs: at(23, 0),
    });
    expect(presetRange('last-7-days', THREE_SHIFTS, now)).toMatchObject({
      fromMs: at(17, 0),
      toMs: now,
    });
  });

  it('formats datetime-local values and durations', () => {
    expect(toPlantInput(at(3, 6, 5), ZONE)).toBe('2026-11-03T06:05');
    expect(describeDuration(at(23, 6), at(23, 14))).toBe('8 h');
    expect(describeDuration(at(23, 14), at(23, 15, 5))).toBe('1 h 5 min');
    expect(describeDuration(at(17, 0), at(24, 0))).toBe('7 days');
  });

  it('gives "yesterday" its 25 hours on the day the clocks go back', () => {
    // 2026-11-01 has 25 hours in Chicago (02:00 CDT → 01:00 CST).
    const range = presetRange('yesterday', THREE_SHIFTS, at(2, 9));
    expect(range).toMatchObject({ fromMs: at(1, 0), toMs: at(2, 0) });
    expect((range.toMs - range.fromMs) / 3_600_000).toBe(25);
  });
});
