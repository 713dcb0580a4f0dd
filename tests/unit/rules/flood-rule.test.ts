import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  alertsInFloodWindow,
  assessFlood,
  FLOOD_WINDOW_MS,
  floodingGroups,
  floodsOf,
} from '../../../src/shared/rules/flood';

const MIN = 60_000;

describe('the flood rule (src/shared/rules/flood.ts)', () => {
  it('the window ends at the moment and reaches back 10 minutes, the start left out', () => {
    expect(alertsInFloodWindow([0, 1, FLOOD_WINDOW_MS], FLOOD_WINDOW_MS)).toBe(2);
    expect(alertsInFloodWindow([FLOOD_WINDOW_MS + 1], FLOOD_WINDOW_MS)).toBe(0);
  });

  it('finds one flood in alerts 50 s apart, where every window holds 12', () => {
    const times = Array.from({ length: 24 }, (_, i) => i * 50_000);
    expect(floodsOf(times)).toEqual([
      { startMs: 0, beganMs: 10 * 50_000, endMs: 23 * 50_000, alerts: 24 },
    ]);
  });

  it('finds two floods when the window falls back to 10 between two bursts', () => {
    const burst = (atMs: number) => Array.from({ length: 11 }, (_, i) => atMs + i * 1000);
    const floods = floodsOf([...burst(0), ...burst(12 * MIN)]);
    expect(floods.map((flood) => flood.alerts)).toEqual([11, 11]);
  });

  it('groups by line, and the plant-wide alerts on their own', () => {
    const at = (lineId: string | null, count: number) =>
      Array.from({ length: count }, (_, i) => ({ lineId, raisedMs: i * 1000 }));
    const flooding = floodingGroups([...at('L-1', 11), ...at('L-2', 10), ...at(null, 11)], 20_000);
    expect([...flooding]).toEqual([
      ['L-1', 11],
      [null, 11],
    ]);
  });

  it('each flood found is one the live rule announces, raise by raise', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 90_000 }), { maxLength: 80, size: 'max' }),
        (gaps) => {
          let t = 0;
          const times = gaps.map((gap) => (t += gap));
          let flooding = false;
          const began: number[] = [];
          times.forEach((time, index) => {
            const step = assessFlood(
              alertsInFloodWindow(times.slice(0, index + 1), time),
              flooding,
            );
            if (step.floodBegins) began.push(time);
            flooding = step.flooding;
          });
          expect(floodsOf(times).map((flood) => flood.beganMs)).toEqual(began);
        },
      ),
    );
  });
});
