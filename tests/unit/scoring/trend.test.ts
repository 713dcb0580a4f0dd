import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeEta,
  describeProjection,
  planStatus,
  projectCrossing,
} from '../../../src/backend/maintenance/trend';

const MIN = 60_000;

describe('temperature projection', () => {
  it('finds the crossing of a steady rise', () => {
    const now = 10 * 60 * MIN;
    const samples = Array.from({ length: 31 }, (_, i) => ({
      atMs: now - (30 - i) * MIN,
      value: 60 + i,
    }));
    const projection = projectCrossing(samples, 120, now)!;
    expect(projection.slopePerHour).toBeCloseTo(60, 6);
    expect(projection.current).toBeCloseTo(90, 6);
    expect(projection.reachesAtMs).toBeCloseTo(now + 30 * MIN, -2);
  });

  it('gives no crossing for a falling or flat trend, and none from too few samples', () => {
    const falling = Array.from({ length: 10 }, (_, i) => ({ atMs: i * MIN, value: 80 - i }));
    expect(projectCrossing(falling, 90, 10 * MIN)!.reachesAtMs).toBeNull();
    expect(projectCrossing(falling.slice(0, 4), 90, 10 * MIN)).toBeNull();
    const sameInstant = Array.from({ length: 6 }, () => ({ atMs: 5, value: 1 }));
    expect(projectCrossing(sameInstant, 90, 10)).toBeNull();
  });

  it('never projects a crossing in the past for a rising line below the limit', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: 1, max: 50, noNaN: true }),
        (slope, gap) => {
          const now = 60 * MIN;
          const samples = Array.from({ length: 10 }, (_, i) => ({
            atMs: now - (9 - i) * MIN,
            value: 50 + (slope * (i - 9)) / 60,
          }));
          const projection = projectCrossing(samples, 50 + gap, now)!;
          expect(projection.reachesAtMs!).toBeGreaterThanOrEqual(now);
        },
      ),
    );
  });

  it('shows no projection from a line that fits the readings poorly', () => {
    // Noise around 70 °C with one reset to 20 °C: any slope through that is meaningless.
    const values = [70, 72, 69, 71, 20, 70, 73, 68, 71, 70];
    const noisy = values.map((value, i) => ({ atMs: i * MIN, value }));
    expect(projectCrossing(noisy, 90, 10 * MIN)).toBeNull();
    // A clean fall still projects (and says it is falling).
    const falling = Array.from({ length: 10 }, (_, i) => ({ atMs: i * MIN, value: 80 - i }));
    const projection = projectCrossing(falling, 90, 10 * MIN)!;
    expect(projection.rSquared).toBeCloseTo(1, 6);
    expect(describeProjection(projection, 90, 10 * MIN)).toBe('is falling (−60.0 °C/h)');
  });

  it('never says "in now": a crossing under a minute away or already passed reads plainly', () => {
    const rising = Array.from({ length: 10 }, (_, i) => ({ atMs: i * MIN, value: 80 + i }));
    const now = 9 * MIN;
    const almost = projectCrossing(rising, 89.2, now)!;
    expect(describeProjection(almost, 89.2, now)).toBe('reaches 89.2 °C within a minute');
    const past = projectCrossing(rising, 85, now)!;
    expect(describeProjection(past, 85, now)).toBe('is at 85 °C or above now');
    const flat = Array.from({ length: 6 }, (_, i) => ({ atMs: i * MIN, value: 70 }));
    expect(describeProjection(projectCrossing(flat, 90, 6 * MIN)!, 90, 6 * MIN)).toBe('is steady');
  });

  it('reads as a control room would', () => {
    expect(describeEta(0, 0)).toBe('now');
    expect(describeEta(0, 40 * MIN)).toBe('about 40 min');
    expect(describeEta(0, 3 * 60 * MIN)).toBe('about 3 h');
    expect(describeEta(0, 72 * 60 * MIN)).toBe('about 3 days');
  });
});

describe('service plans', () => {
  it.each([
    [{ runHours: 50, units: 0 }, { intervalRunHours: 100, intervalUnits: null }, 'ok'],
    [{ runHours: 100, units: 0 }, { intervalRunHours: 100, intervalUnits: null }, 'due'],
    [{ runHours: 111, units: 0 }, { intervalRunHours: 100, intervalUnits: null }, 'overdue'],
    [{ runHours: 1, units: 5000 }, { intervalRunHours: 100, intervalUnits: 5000 }, 'due'],
    [{ runHours: 1, units: 1 }, null, 'no_plan'],
  ] as const)('%o against %o is %s', (usage, plan, status) => {
    expect(planStatus(usage, plan).status).toBe(status);
  });
});
