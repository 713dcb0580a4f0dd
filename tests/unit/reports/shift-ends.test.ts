import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  lastShiftEndAtOrBefore,
  shiftsEndedBetween,
} from '../../../src/backend/reports/export/shift-ends';

const SHIFTS = [
  { name: 'Early', start: '06:00' },
  { name: 'Late', start: '14:00' },
  { name: 'Night', start: '22:00' },
];

// Shifts are plant local time: run these in a zone with daylight saving.
const previousTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Europe/Berlin';
});
afterAll(() => {
  process.env.TZ = previousTz;
});

const iso = (ms: number) => new Date(ms).toISOString();

describe('shiftsEndedBetween', () => {
  it('lists the shifts that ended in the interval, oldest first, with local-time bounds', () => {
    // 2026-11-22 05:00 UTC = 06:00 Berlin (UTC+1): Early runs to 14:00 local = 13:00 UTC.
    const ended = shiftsEndedBetween(
      SHIFTS,
      Date.parse('2026-11-22T05:30:00Z'),
      Date.parse('2026-11-23T06:00:00Z'),
    );
    expect(ended.map((shift) => [shift.name, iso(shift.startMs), iso(shift.endMs)])).toEqual([
      ['Early', '2026-11-22T05:00:00.000Z', '2026-11-22T13:00:00.000Z'],
      ['Late', '2026-11-22T13:00:00.000Z', '2026-11-22T21:00:00.000Z'],
      ['Night', '2026-11-22T21:00:00.000Z', '2026-11-23T05:00:00.000Z'],
    ]);
  });

  it('excludes a shift ending exactly at the start of the interval and includes one at its end', () => {
    const end = Date.parse('2026-11-22T13:00:00Z');
    expect(shiftsEndedBetween(SHIFTS, end, end + 1000)).toEqual([]);
    expect(shiftsEndedBetween(SHIFTS, end - 1000, end).map((shift) => shift.name)).toEqual([
      'Early',
    ]);
  });

  it('gives the night shift of the spring daylight-saving change its 7 real hours', () => {
    // 2026-03-29: Berlin jumps from 02:00 to 03:00; Night runs 22:00 to 06:00 local.
    const ended = shiftsEndedBetween(
      SHIFTS,
      Date.parse('2026-03-29T00:00:00Z'),
      Date.parse('2026-03-29T11:00:00Z'),
    );
    expect(ended).toHaveLength(1);
    expect(ended[0]!.name).toBe('Night');
    expect((ended[0]!.endMs - ended[0]!.startMs) / 3_600_000).toBe(7);
  });

  it('works with shifts given in any order and with a single 24-hour shift', () => {
    const reversed = shiftsEndedBetween(
      [...SHIFTS].reverse(),
      Date.parse('2026-11-22T05:30:00Z'),
      Date.parse('2026-11-22T22:00:00Z'),
    );
    expect(reversed.map((shift) => shift.name)).toEqual(['Early', 'Late']);
    const daily = shiftsEndedBetween(
      [{ name: 'Day', start: '00:00' }],
      Date.parse('2026-11-20T00:00:00Z'),
      Date.parse('2026-11-22T00:00:00Z'),
    );
    expect(daily.map((shift) => (shift.endMs - shift.startMs) / 3_600_000)).toEqual([24, 24]);
  });

  it('answers nothing for an empty or backwards interval', () => {
    const at = Date.parse('2026-11-22T12:00:00Z');
    expect(shiftsEndedBetween(SHIFTS, at, at)).toEqual([]);
    expect(shiftsEndedBetween(SHIFTS, at, at - 1)).toEqual([]);
  });
});

describe('lastShiftEndAtOrBefore', () => {
  it('finds the latest shift boundary at or before a moment', () => {
    expect(iso(lastShiftEndAtOrBefore(SHIFTS, Date.parse('2026-11-22T15:00:00Z'))!)).toBe(
      '2026-11-22T13:00:00.000Z',
    );
    expect(iso(lastShiftEndAtOrBefore(SHIFTS, Date.parse('2026-11-22T13:00:00Z'))!)).toBe(
      '2026-11-22T13:00:00.000Z',
    );
  });
});
