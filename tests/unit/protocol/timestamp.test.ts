import { describe, expect, it } from 'vitest';
import { parseJson } from './fixtures';

const timeOf = (timestamp: unknown): number | string => {
  const outcome = parseJson('telemetry', { timestamp });
  if (!outcome.ok) return outcome.reason;
  return outcome.message.kind === 'telemetry' ? outcome.message.timestampMs : 'wrong kind';
};

describe('timestamps', () => {
  it.each([
    ['2026-11-22T10:00:00Z', Date.UTC(2026, 10, 22, 10)],
    ['2026-11-22T10:00:00.5Z', Date.UTC(2026, 10, 22, 10, 0, 0, 500)],
    ['2026-11-22T10:00:00.123456789Z', Date.UTC(2026, 10, 22, 10, 0, 0, 123)],
    ['2026-11-22T10:00:00,25Z', Date.UTC(2026, 10, 22, 10, 0, 0, 250)],
    ['2026-11-22t10:00:00z', Date.UTC(2026, 10, 22, 10)],
    ['2026-11-22T11:30:00+01:30', Date.UTC(2026, 10, 22, 10)],
    ['2026-11-22T05:00:00-0500', Date.UTC(2026, 10, 22, 10)],
    ['2026-11-22T12:00:00+02', Date.UTC(2026, 10, 22, 10)],
    ['2026-11-22T10:00Z', Date.UTC(2026, 10, 22, 10)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['2000-02-29T23:59:59Z', Date.UTC(2000, 1, 29, 23, 59, 59)],
    ['1969-12-31T23:59:59Z', -1000],
    ['0042-06-01T00:00:00Z', Date.parse('0042-06-01T00:00:00Z')],
    ['9999-12-31T23:59:59.999Z', Date.parse('9999-12-31T23:59:59.999Z')],
    [1795341600000, 1795341600000],
    [0, 0],
    [-1, -1],
  ])('reads %s', (timestamp, expected) => {
    expect(timeOf(timestamp)).toBe(expected);
  });

  it.each([
    ['a word', 'yesterday'],
    ['an empty string', ''],
    ['a date without a time', '2026-11-22'],
    ['a time without a zone', '2026-11-22T10:00:00'],
    ['a space instead of T', '2026-11-22 10:00:00Z'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['day 0', '2026-11-00T00:00:00Z'],
    ['30 February', '2026-02-30T00:00:00Z'],
    ['29 February of a common year', '2100-02-29T00:00:00Z'],
    ['hour 24', '2026-11-22T24:00:00Z'],
    ['a leap second', '2016-12-31T23:59:60Z'],
    ['zone +25:00', '2026-11-22T10:00:00+25:00'],
    ['a numeric string', '1795341600000'],
    ['leading whitespace', ' 2026-11-22T10:00:00Z'],
    ['a fraction of a millisecond as epoch', 1795341600000.5],
    ['epoch beyond the range of a date', 9e15],
    ['an object', { seconds: 1 }],
    ['null', null],
    ['true', true],
  ])('refuses %s as "timestamp: not a time"', (_name, timestamp) => {
    expect(timeOf(timestamp)).toMatch(/^timestamp: not a time/);
  });
});
