import type { Database } from 'better-sqlite3';
import type {
  DowntimeEvent,
  MachineSnapshot,
  MachineState,
  StatePeriod,
} from '../../shared/contract';
import { StoreError } from './rpc';
import { inScope } from './scope-sql';

interface SnapshotRow {
  machine_id: string;
  line_id: string;
  name: string;
  heartbeat_timeout_s: number;
  ideal_cycle_time_s: number | null;
  state: MachineState | null;
  state_ms: number | null;
  reason: string | null;
  temperature: number | null;
  units_produced: number | null;
  last_seen_ms: number | null;
}

/** One state of one machine, from its message until the machine's next state (null: still). */
export interface StateSpan {
  machineId: string;
  lineId: string;
  state: MachineState;
  reason: string | null;
  startMs: number;
  endMs: number | null;
}

const DOWNTIME_STATES: readonly MachineState[] = ['down', 'maintenance', 'offline'];

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The latest of each machine, its settings, and its state history (as periods and downtime). */
export class MachinesStore {
  constructor(
    private readonly db: Database,
    /** "Now": where a state still in force ends for now. */
    private readonly nowMs: () => number,
  ) {}

  snapshots(machineId?: string): MachineSnapshot[] {
    const rows = this.db
      .prepare(
        `SELECT m.id AS machine_id, m.line_id, m.name, m.heartbeat_timeout_s, m.ideal_cycle_time_s,
           st.state, st.ts_ms AS state_ms, st.reason,
           tl.temperature, tl.units_produced,
           max(coalesce(st.received_ms, 0), coalesce(tl.ts_ms, 0),
               coalesce((SELECT max(ts_ms) FROM test_results r WHERE r.machine_id = m.id), 0)) AS last_seen_ms
         FROM machines m
         LEFT JOIN machine_states st ON st.id = (
           SELECT id FROM machine_states WHERE machine_id = m.id ORDER BY ts_ms DESC, id DESC LIMIT 1)
         LEFT JOIN telemetry_samples tl ON tl.machine_id = m.id AND tl.ts_ms = (
           SELECT max(ts_ms) FROM telemetry_samples WHERE machine_id = m.id)
         WHERE @machineId IS NULL OR m.id = @machineId
         ORDER BY m.line_id, m.id`,
      )
      .all({ machineId: machineId ?? null }) as SnapshotRow[];
    return rows.map((row) => ({
      machineId: row.machine_id,
      lineId: row.line_id,
      name: row.name,
      state: row.state,
      stateSince: iso(row.state_ms),
      reason: row.reason,
      temperature: row.temperature,
      unitsProduced: row.units_produced,
      lastSeenAt: row.last_seen_ms ? iso(row.last_seen_ms) : null,
      heartbeatTimeoutS: row.heartbeat_timeout_s,
      idealCycleTimeS: row.ideal_cycle_time_s,
    }));
  }

  configure(
    machineId: string,
    patch: { name?: string; heartbeatTimeoutS?: number; idealCycleTimeS?: number | null },
  ): MachineSnapshot {
    const found = this.db.prepare('SELECT 1 FROM machines WHERE id = ?').get(machineId);
    if (!found) throw new StoreError('NOT_FOUND', `No machine ${machineId}`);
    this.db
      .prepare(
        `UPDATE machines SET name = coalesce(@name, name),
           heartbeat_timeout_s = coalesce(@heartbeat, heartbeat_timeout_s),
           ideal_cycle_time_s = CASE WHEN @setCycle THEN @cycle ELSE ideal_cycle_time_s END
         WHERE id = @machineId`,
      )
      .run({
        machineId,
        name: patch.name ?? null,
        heartbeat: patch.heartbeatTimeoutS ?? null,
        setCycle: Number(patch.idealCycleTimeS !== undefined),
        cycle: patch.idealCycleTimeS ?? null,
      });
    return this.snapshots(machineId)[0]!;
  }

  /** Records a state Linewatch concluded itself (offline after the heartbeat timeout). */
  recordState(machineId: string, state: MachineState, reason: string, nowMs: number): boolean {
    const line = this.db
      .prepare('SELECT line_id FROM machines WHERE id = ?')
      .pluck()
      .get(machineId) as string | undefined;
    if (!line) return false;
    return (
      this.db
        .prepare(
          `INSERT OR IGNORE INTO machine_states (machine_id, line_id, ts_ms, state, reason, received_ms)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(machineId, line, nowMs, state, reason, nowMs).changes === 1
    );
  }

  /**
   * The state periods that overlap the range, uncut, oldest first: each state lasts until the
   * machine's next one, so the period in force at `fromMs` (started before it) is included.
   */
  statePeriods(
    fromMs: number,
    toMs: number,
    machines: string[] | null,
    states?: readonly MachineState[],
  ): StateSpan[] {
    const rows = this.db
      .prepare(
        `WITH spans AS (
           SELECT machine_id, line_id, state, reason, ts_ms AS start_ms,
             LEAD(ts_ms) OVER (PARTITION BY machine_id ORDER BY ts_ms, id) AS end_ms
           FROM machine_states
           WHERE ${inScope('machine_id', machines)}
         )
         SELECT * FROM spans
         WHERE (@anyState OR state IN (SELECT value FROM json_each(@states)))
           AND start_ms < @to AND (end_ms IS NULL OR end_ms > @from)
         ORDER BY start_ms, machine_id`,
      )
      .all({
        machines: JSON.stringify(machines ?? []),
        anyState: Number(states === undefined),
        states: JSON.stringify(states ?? []),
        from: fromMs,
        to: toMs,
      }) as {
      machine_id: string;
      line_id: string;
      state: MachineState;
      reason: string | null;
      start_ms: number;
      end_ms: number | null;
    }[];
    return rows.map((row) => ({
      machineId: row.machine_id,
      lineId: row.line_id,
      state: row.state,
      reason: row.reason,
      startMs: row.start_ms,
      endMs: row.end_ms,
    }));
  }

  /** Every state period in the range, cut to it: what a state timeline draws. */
  timeline(fromMs: number, toMs: number, machines: string[] | null): StatePeriod[] {
    const nowMs = this.nowMs();
    return this.statePeriods(fromMs, toMs, machines).map((span) => ({
      machineId: span.machineId,
      lineId: span.lineId,
      state: span.state,
      reason: span.reason,
      start: new Date(Math.max(span.startMs, fromMs)).toISOString(),
      // A state still in force stays open only when the range reaches now; otherwise it ends at `to`.
      end: span.endMs === null && toMs > nowMs ? null : iso(Math.min(span.endMs ?? toMs, toMs)),
    }));
  }

  /** Periods in a state other than running or idle; durations clipped to the range. */
  downtime(fromMs: number, toMs: number, machines: string[] | null): DowntimeEvent[] {
    return this.statePeriods(fromMs, toMs, machines, DOWNTIME_STATES).map((span) => {
      const start = Math.max(span.startMs, fromMs);
      const end = span.endMs === null ? null : Math.min(span.endMs, toMs);
      return {
        machineId: span.machineId,
        lineId: span.lineId,
        state: span.state,
        reason: span.reason,
        start: new Date(span.startMs).toISOString(),
        end: iso(span.endMs),
        durationS: ((end ?? Math.min(toMs, this.nowMs())) - start) / 1000,
      };
    });
  }
}
