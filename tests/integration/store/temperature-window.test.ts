import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { projectCrossing, type Sample } from '../../../src/backend/maintenance/trend';
import { TREND_WINDOW_MS } from '../../../src/backend/store/maintenance-store';
import { openStoreInProcess, rawMessage, type StoreInProcess } from './support/store-in-process';

const MIN = 60_000;
const NOW = Math.floor(Date.now() / MIN) * MIN;
const LIMIT = 90;

/**
 * The temperature projection keeps each machine's last 30 minutes in the store process
 * (store/temperature-window.ts) instead of reading them every minute. Whatever order the
 * readings come in, and as the window moves on, it must project what the stored rows say.
 */
describe('the temperature trend window', () => {
  let s: StoreInProcess;

  const reading = (atMs: number, temperature: number) =>
    s.store.ingestBatch([
      rawMessage('L-1', 'M-1', 'telemetry', { timestamp: atMs, temperature }, atMs),
    ]);
  const projected = (nowMs: number) => s.store.maintenanceStatus(['M-1'], nowMs)[0]!.prediction;
  /** The projection from the rows as stored, read afresh. */
  const fromRows = (nowMs: number) => {
    const rows = s.db
      .prepare(
        `SELECT ts_ms AS atMs, temperature AS value FROM telemetry_samples
         WHERE machine_id = 'M-1' AND ts_ms >= ? AND ts_ms <= ? ORDER BY ts_ms`,
      )
      .all(nowMs - TREND_WINDOW_MS, nowMs) as Sample[];
    return projectCrossing(rows, LIMIT, nowMs);
  };

  beforeEach(() => {
    s = openStoreInProcess();
    // 40 minutes climbing 0.5 °C a minute towards 90 °C, a reading a minute.
    for (let minute = 40; minute >= 1; minute--) reading(NOW - minute * MIN, 80 - minute * 0.5);
    s.store.saveThreshold(
      {
        machineId: 'M-1',
        metric: 'temperature',
        high: LIMIT,
        highHigh: null,
        low: null,
        lowLow: null,
        deadband: 1,
        onDelayS: 0,
      },
      { username: 'eng' },
      NOW,
    );
  });
  afterEach(() => s.close());

  it('projects from the stored readings as the window moves, in any arrival order', () => {
    const first = projected(NOW)!;
    expect(first.slopePerHour).toBeCloseTo(fromRows(NOW)!.slopePerHour, 9);
    expect(first.text).toBe('reaches 90 °C in about 20 min');

    // Readings after the window was loaded, out of order, one of them late and one a redelivery.
    reading(NOW + 2 * MIN, 84);
    reading(NOW + MIN, 83);
    reading(NOW - 10 * MIN + 30_000, 70);
    reading(NOW + MIN, 83);
    for (const later of [NOW + 2 * MIN, NOW + 20 * MIN]) {
      const kept = projected(later)!;
      const expected = fromRows(later)!;
      expect(kept.slopePerHour).toBeCloseTo(expected.slopePerHour, 9);
      expect(kept.current).toBeCloseTo(expected.current, 9);
      expect(kept.reachesAt).toBe(
        expected.reachesAtMs === null ? null : new Date(expected.reachesAtMs).toISOString(),
      );
    }
    // Forty minutes on, no reading is left in the window: no projection.
    expect(projected(NOW + 40 * MIN)).toBeNull();
  });
});
