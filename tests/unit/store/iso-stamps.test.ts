import { describe, expect, it } from 'vitest';
import { IsoStamps } from '../../../src/backend/store/iso-stamps';

/** The live feed's result times: the same text as Date's toISOString, for any time it holds. */
describe('ISO stamps of stored results', () => {
  const expectSameAsDate = (stamps: IsoStamps, ms: number) =>
    expect(stamps.of(ms), String(ms)).toBe(new Date(ms).toISOString());

  it('writes every millisecond of a minute, and the minutes around it, as the Date does', () => {
    const stamps = new IsoStamps();
    const base = Date.UTC(2026, 10, 22, 10, 59, 0);
    for (let ms = base - 1500; ms < base + 61_500; ms += 1) expectSameAsDate(stamps, ms);
  });

  it('writes times in any order, before 1970 and outside years 0–9999, as the Date does', () => {
    const stamps = new IsoStamps();
    let seed = 11;
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const edges = [
      0,
      -1,
      -60_000,
      -60_001,
      8.64e15,
      -8.64e15,
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
    ];
    for (const ms of edges) expectSameAsDate(stamps, ms);
    expectSameAsDate(stamps, Date.UTC(10_000, 0, 1, 0, 0, 7, 5));
    for (let index = 0; index < 20_000; index += 1) {
      expectSameAsDate(stamps, Math.round((random() * 2 - 1) * 8.64e15));
      // Neighbours share a minute, as a batch's results mostly do.
      expectSameAsDate(stamps, Date.UTC(2026, 0, 1) + Math.floor(random() * 3_600_000));
    }
  });
});
