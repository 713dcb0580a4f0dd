import type { Database } from 'better-sqlite3';
import type { HourFigures } from '../scoring/oee';
import { StatementCache } from './alert-rows';
import { resultCounts } from './result-counts';

const HOUR_MS = 3_600_000;

interface StateRow {
  machine_id: string;
  ts_ms: number;
  state: string;
}

/** Reads what OEE is computed from, summed per machine and clock hour. */
export class OeeStore {
  /** Prepared once: the maintenance check asks for every machine's hours each minute. */
  private readonly statements: StatementCache;

  constructor(private readonly db: Database) {
    this.statements = new StatementCache(db);
  }

  idealCycleTimes(): Map<string, number | null> {
    const rows = this.db.prepare('SELECT id, ideal_cycle_time_s FROM machines').all() as {
      id: string;
      ideal_cycle_time_s: number | null;
    }[];
    return new Map(rows.map((row) => [row.id, row.ideal_cycle_time_s]));
  }

  hourFigures(
    fromMs: number,
    toMs: number,
    machines: string[] | null,
    nowMs: number,
  ): HourFigures[] {
    const start = Math.floor(fromMs / HOUR_MS) * HOUR_MS;
    const end = Math.min(toMs, nowMs);
    const filter = { machines: JSON.stringify(machines ?? []) };
    // A plain IN for named machines, so SQLite reads their (machine, time) keys; `@all OR …`
    // hid the keys and made each one-machine call (the maintenance check's) read every machine.
    const inMachines = (column: string): string =>
      machines === null ? '1' : `${column} IN (SELECT value FROM json_each(@machines))`;
    const machineRows = this.statements
      .sql(
        `SELECT m.id, m.line_id, min(
           unixepoch(m.created_at, 'subsec') * 1000,
           coalesce((SELECT min(ts_ms) FROM machine_states WHERE machine_id = m.id), 9e15),
           coalesce((SELECT min(ts_ms) FROM telemetry_samples WHERE machine_id = m.id), 9e15),
           coalesce((SELECT min(ts_ms) FROM test_results WHERE machine_id = m.id), 9e15)
         ) AS first_seen_ms
         FROM machines m WHERE ${inMachines('m.id')} ORDER BY m.id`,
      )
      .all(filter) as { id: string; line_id: string; first_seen_ms: number }[];
    // A machine is planned from when Linewatch first knew of it, not before it existed.
    const plannedFrom = new Map(
      machineRows.map((row) => [row.id, Math.max(fromMs, row.first_seen_ms)]),
    );
    const figures = new Map<string, HourFigures>();
    const figure = (machineId: string, lineId: string, hourStartMs: number): HourFigures => {
      const key = `${machineId}|${hourStartMs}`;
      let found = figures.get(key);
      if (!found) {
        const from = plannedFrom.get(machineId) ?? fromMs;
        const plannedS =
          Math.max(0, Math.min(hourStartMs + HOUR_MS, end) - Math.max(hourStartMs, from)) / 1000;
        found = {
          machineId,
          lineId,
          hourStartMs,
          plannedS,
          runS: 0,
          units: 0,
          firstPassTested: 0,
          firstPassGood: 0,
        };
        figures.set(key, found);
      }
      return found;
    };
    for (const machine of machineRows) {
      for (let hour = start; hour < end; hour += HOUR_MS) figure(machine.id, machine.line_id, hour);
    }
    const lineOf = new Map(machineRows.map((row) => [row.id, row.line_id]));

    // Run time: the running intervals, starting from the state in force at `fromMs`.
    const states = this.statements
      .sql(
        `SELECT machine_id, ts_ms, state FROM machine_states
         WHERE ${inMachines('machine_id')}
           AND (ts_ms >= @from AND ts_ms < @to
                OR id IN (SELECT (SELECT id FROM machine_states p WHERE p.machine_id = m.id AND p.ts_ms < @from
                                  ORDER BY ts_ms DESC LIMIT 1) FROM machines m WHERE ${inMachines('m.id')}))
         ORDER BY machine_id, ts_ms, id`,
      )
      .all({ ...filter, from: fromMs, to: end }) as StateRow[];
    for (let i = 0; i < states.length; i++) {
      const row = states[i]!;
      if (row.state !== 'running') continue;
      const next = states[i + 1];
      const spanEnd = next && next.machine_id === row.machine_id ? next.ts_ms : end;
      const line = lineOf.get(row.machine_id);
      if (line === undefined) continue;
      let cursor = Math.max(row.ts_ms, fromMs);
      while (cursor < Math.min(spanEnd, end)) {
        const hour = Math.floor(cursor / HOUR_MS) * HOUR_MS;
        const stop = Math.min(hour + HOUR_MS, spanEnd, end);
        figure(row.machine_id, line, hour).runS += (stop - cursor) / 1000;
        cursor = stop;
      }
    }

    // Units: increases of the running counter; a decrease is a reset, counted from zero. One
    // query per machine walks its (machine, time) key in order, so the window needs no sort
    // (across a plant, one query over the time index spent most of its time sorting). The walk
    // starts at the machine's last reading before the range, however long ago, so the first
    // delta in the range is counted as a longer range counts it: the figures of two adjacent
    // ranges add up to those of both (the maintenance usage keeps whole hours on this).
    const unitsOfMachine = this.statements.sql(
      `SELECT (ts_ms / ${HOUR_MS}) * ${HOUR_MS} AS hour,
         sum(CASE WHEN delta >= 0 THEN delta ELSE units_produced END) AS units
       FROM (SELECT ts_ms, units_produced,
               units_produced - LAG(units_produced) OVER (ORDER BY ts_ms) AS delta
             FROM telemetry_samples
             WHERE machine_id = @machine AND ts_ms < @to AND units_produced IS NOT NULL
               AND ts_ms >= coalesce(
                 (SELECT ts_ms FROM telemetry_samples
                  WHERE machine_id = @machine AND ts_ms < @from AND units_produced IS NOT NULL
                  ORDER BY ts_ms DESC LIMIT 1),
                 @from))
       WHERE delta IS NOT NULL AND ts_ms >= @from
       GROUP BY hour`,
    );
    for (const machine of machineRows) {
      const units = unitsOfMachine.all({ machine: machine.id, from: fromMs, to: end }) as {
        hour: number;
        units: number;
      }[];
      for (const row of units) figure(machine.id, machine.line_id, row.hour).units += row.units;
    }

    // Quality: first attempts only; NO_SPEC results are not judged, so not counted. Whole
    // hours come from the result rollup, so a day of a million results stays cheap.
    for (const row of resultCounts(this.db, fromMs, end, machines, 'machineHour')) {
      const line = lineOf.get(row.machineId);
      if (line === undefined) continue;
      const target = figure(row.machineId, line, row.hourMs);
      target.firstPassTested += row.firstJudged;
      target.firstPassGood += row.firstPassed;
    }
    return [...figures.values()].filter((f) => f.plannedS > 0);
  }
}
