import type { Database } from 'better-sqlite3';

const MINUTE_MS = 60_000;

export interface LargeShift {
  fromMs: number;
  toMs: number;
  machineIds: string[];
  results: number;
}

/**
 * Fills a migrated database with a busy day: `results` test results spread over 24 hours on
 * 10 machines (three steps a unit, one unit in fifty retested), telemetry every 10 s with
 * its per-minute rollups, a state change every 20 minutes and some alerts. Deterministic.
 */
export function seedLargeShift(db: Database, fromMs: number, results: number): LargeShift {
  const toMs = fromMs + 24 * 60 * MINUTE_MS;
  const machines = Array.from({ length: 10 }, (_, i) => ({
    id: `M-${i + 1}`,
    line: `L-${(i % 2) + 1}`,
  }));
  let seed = 1;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const createdAt = new Date(fromMs - 60 * MINUTE_MS).toISOString();
  db.transaction(() => {
    for (const line of ['L-1', 'L-2']) {
      db.prepare('INSERT INTO lines (id, name, created_at) VALUES (?, ?, ?)').run(
        line,
        line,
        createdAt,
      );
    }
    for (const machine of machines) {
      db.prepare(
        'INSERT INTO machines (id, line_id, name, created_at, ideal_cycle_time_s) VALUES (?, ?, ?, ?, 2)',
      ).run(machine.id, machine.line, machine.id, createdAt);
    }
    const spec = db.prepare(
      `INSERT INTO spec_limits (product_id, test_step, version, lower_limit, upper_limit, valid_from_ms, created_at, created_by)
       VALUES (?, ?, 1, 0, 10, ?, ?, 'seed')`,
    );
    for (const step of ['s1', 's2', 's3']) spec.run('P', step, fromMs - MINUTE_MS, createdAt);

    const insert = db.prepare(
      `INSERT INTO test_results (line_id, machine_id, barcode, product_id, test_step, measured_value,
         ts_ms, received_ms, verdict, spec_id, attempt)
       VALUES (?, ?, ?, 'P', ?, ?, ?, ?, ?, 1, ?)`,
    );
    const stepMs = (toMs - fromMs) / results;
    let written = 0;
    for (let unit = 0; written < results; unit += 1) {
      const machine = machines[unit % machines.length]!;
      const attempts = unit % 50 === 0 ? 2 : 1;
      for (let attempt = 1; attempt <= attempts && written < results; attempt += 1) {
        for (const step of ['s1', 's2', 's3']) {
          if (written >= results) break;
          const value = 5 + (random() - 0.5) * 10.4;
          const ts = Math.floor(fromMs + written * stepMs);
          const verdict = value >= 0 && value <= 10 ? 'PASS' : 'FAIL';
          insert.run(machine.line, machine.id, `SN-${unit}`, step, value, ts, ts, verdict, attempt);
          written += 1;
        }
      }
    }

    const telemetry = db.prepare(
      `INSERT INTO telemetry_samples (machine_id, line_id, ts_ms, temperature, units_produced)
       VALUES (?, ?, ?, ?, ?)`,
    );
    const rollup = db.prepare(
      `INSERT INTO telemetry_minutes (machine_id, minute_ms, metric, n, min_value, max_value, sum_value)
       VALUES (?, ?, 'temperature', 6, 60, 61, 363)`,
    );
    const state = db.prepare(
      `INSERT INTO machine_states (machine_id, line_id, ts_ms, state, reason, received_ms)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const alert = db.prepare(
      `INSERT INTO alerts (condition_key, source, priority, line_id, machine_id, message, state,
         raised_ms, acked_ms, cleared_ms)
       VALUES (?, 'threshold', ?, ?, ?, 'Temperature high', 'cleared', ?, ?, ?)`,
    );
    for (const machine of machines) {
      for (let ts = fromMs, units = 0; ts < toMs; ts += 10_000, units += 4) {
        telemetry.run(machine.id, machine.line, ts, 60, units);
      }
      for (let minute = fromMs; minute < toMs; minute += MINUTE_MS) rollup.run(machine.id, minute);
      for (let ts = fromMs, i = 0; ts < toMs; ts += 20 * MINUTE_MS, i += 1) {
        state.run(machine.id, machine.line, ts, i % 3 === 2 ? 'down' : 'running', 'jam', ts);
      }
      for (let ts = fromMs, i = 0; ts < toMs; ts += 30 * MINUTE_MS, i += 1) {
        const priority = ['critical', 'high', 'medium', 'low'][i % 4]!;
        alert.run(
          `t:${machine.id}:${i}`,
          priority,
          machine.line,
          machine.id,
          ts,
          ts + 60_000,
          ts + 120_000,
        );
      }
    }
  })();
  return { fromMs, toMs, machineIds: machines.map((m) => m.id), results };
}
