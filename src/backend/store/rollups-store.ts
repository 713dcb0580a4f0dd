import type { Database } from 'better-sqlite3';
import type { ParsedTelemetry } from '../ingest/protocol';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** The metric name rollups keep units produced under (a per-minute delta, not the counter). */
export const UNITS_METRIC = 'units';

export interface MinutePoint {
  minuteMs: number;
  n: number;
  min: number;
  max: number;
  avg: number;
}

/**
 * Per-minute rollups, updated in the ingest transaction as each sample is stored, and the
 * retention that trims raw samples (30 days by default) and rollups (two years).
 */
export class RollupsStore {
  private readonly upsert;
  private readonly previousCounter;

  constructor(private readonly db: Database) {
    this.upsert = db.prepare(
      `INSERT INTO telemetry_minutes (machine_id, minute_ms, metric, n, min_value, max_value, sum_value)
       VALUES (?, ?, ?, 1, ?, ?, ?)
       ON CONFLICT (machine_id, metric, minute_ms) DO UPDATE SET n = n + 1,
         min_value = min(min_value, excluded.min_value), max_value = max(max_value, excluded.max_value),
         sum_value = sum_value + excluded.sum_value`,
    );
    this.previousCounter = db
      .prepare(
        `SELECT units_produced FROM telemetry_samples
         WHERE machine_id = ? AND ts_ms < ? AND units_produced IS NOT NULL ORDER BY ts_ms DESC LIMIT 1`,
      )
      .pluck();
  }

  add(sample: ParsedTelemetry): void {
    const minute = Math.floor(sample.timestampMs / MINUTE_MS) * MINUTE_MS;
    const metrics: [string, number][] = Object.entries(sample.extras);
    if (sample.temperature !== undefined) metrics.push(['temperature', sample.temperature]);
    for (const [metric, value] of metrics) {
      this.upsert.run(sample.machineId, minute, metric, value, value, value);
    }
    if (sample.unitsProduced !== undefined) {
      const previous = this.previousCounter.get(sample.machineId, sample.timestampMs) as
        number | undefined;
      if (previous !== undefined) {
        // A counter that went down was reset: what it shows now was produced since.
        const units =
          sample.unitsProduced >= previous ? sample.unitsProduced - previous : sample.unitsProduced;
        this.upsert.run(sample.machineId, minute, UNITS_METRIC, units, units, units);
      }
    }
  }

  history(machineId: string, metric: string, fromMs: number, toMs: number): MinutePoint[] {
    const rows = this.db
      .prepare(
        `SELECT minute_ms, n, min_value, max_value, sum_value FROM telemetry_minutes
         WHERE machine_id = ? AND metric = ? AND minute_ms >= ? AND minute_ms < ? ORDER BY minute_ms`,
      )
      .all(machineId, metric, fromMs, toMs) as {
      minute_ms: number;
      n: number;
      min_value: number;
      max_value: number;
      sum_value: number;
    }[];
    return rows.map((row) => ({
      minuteMs: row.minute_ms,
      n: row.n,
      min: row.min_value,
      max: row.max_value,
      // Units are a sum per minute; every other metric is averaged over its samples.
      avg: metric === UNITS_METRIC ? row.sum_value : row.sum_value / row.n,
    }));
  }

  metricsOf(machineId: string): string[] {
    return this.db
      .prepare('SELECT DISTINCT metric FROM telemetry_minutes WHERE machine_id = ? ORDER BY metric')
      .pluck()
      .all(machineId) as string[];
  }

  /** Deletes what is older than the retention, at most `batch` rows a table per call. */
  trim(
    nowMs: number,
    rawDays: number,
    rollupDays: number,
    batch = 50_000,
  ): { raw: number; rollups: number } {
    const raw = this.db
      .prepare(
        `DELETE FROM telemetry_samples WHERE (machine_id, ts_ms) IN (
           SELECT machine_id, ts_ms FROM telemetry_samples WHERE ts_ms < ? LIMIT ?)`,
      )
      .run(nowMs - rawDays * DAY_MS, batch).changes;
    const rollups = this.db
      .prepare(
        `DELETE FROM telemetry_minutes WHERE (machine_id, metric, minute_ms) IN (
           SELECT machine_id, metric, minute_ms FROM telemetry_minutes WHERE minute_ms < ? LIMIT ?)`,
      )
      .run(nowMs - rollupDays * DAY_MS, batch).changes;
    return { raw, rollups };
  }
}
