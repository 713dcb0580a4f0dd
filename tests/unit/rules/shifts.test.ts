import { describe, expect, it } from 'vitest';
import {
  currentAndPreviousShift,
  lastShiftEndAtOrBefore,
  shiftsEndedBetween as shiftsEndedIn,
} from '../../../src/shared/rules/shifts';

const SHIFTS = [
  { name: 'Early', start: '06:00' },
  { name: 'Late', start: '14:00' },
  { name: 'Night', start: '22:00' },
];

// Shifts are on the plant's wall clock: a zone with daylight saving, whatever this process's.
const BERLIN = 'Europe/Berlin';
const shiftsEndedBetween = (shifts: typeof SHIFTS, afterMs: number, untilMs: number) =>
  shiftsEndedIn(shifts, afterMs, untilMs, BERLIN);

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
    expect(iso(lastShiftEndAtOrBefore(SHIFTS, Date.parse('2026-11-22T15:00:00Z'), BERLIN)!)).toBe(
      '2026-11-22T13:00:00.000Z',
    );
    expect(iso(lastShiftEndAtOrBefore(SHIFTS, Date.parse('2026-11-22T13:00:00Z'), BERLIN)!)).toBe(
      '2026-11-22T13:00:00.000Z',
    );
  });
});

describe('a night shift across the daylight-saving changes', () => {
  const hoursOf = (span: { startMs: number; endMs: number }) =>
    (span.endMs - span.startMs) / 3_600_000;
  it.each([
    ['Europe/Berlin', '2027-03-28T05:30:00Z', 7, '2027-03-27T21:00:00.000Z'],
    ['Europe/Berlin', '2026-10-25T05:30:00Z', 9, '2026-10-24T20:00:00.000Z'],
    ['America/Chicago', '2027-03-14T11:30:00Z', 7, '2027-03-14T04:00:00.000Z'],
    ['America/Chicago', '2026-11-01T12:30:00Z', 9, '2026-11-01T03:00:00.000Z'],
  ] as const)('in %s before %s lasts its real hours', (zone, earlyMorning, hours, nightStart) => {
    // Just after 06:00 local the day after the change: the night shift is the previous one.
    const found = currentAndPreviousShift(SHIFTS, Date.parse(earlyMorning), zone);
    expect(found?.current.name).toBe('Early');
    expect(found?.previous.name).toBe('Night');
    expect(iso(found!.previous.startMs)).toBe(nightStart);
    expect(hoursOf(found!.previous)).toBe(hours);
  });
});
