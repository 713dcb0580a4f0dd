import type { Database } from 'better-sqlite3';
import type { MaintenanceStatus, MaintenanceTask } from '../../shared/contract';
import { describeProjection, planStatus, projectFromSums, type Sample } from '../maintenance/trend';
import { TemperatureWindow } from './temperature-window';
import { StatementCache } from './alert-rows';
import type { UsageSinceService } from './usage-since-service';
import { StoreError } from './rpc';
import { inScope } from './scope-sql';

/** The window the temperature trend is fitted over. */
export const TREND_WINDOW_MS = 30 * 60_000;

interface TaskRow {
  id: number;
  machine_id: string;
  line_id: string;
  title: string;
  notes: string | null;
  status: MaintenanceTask['status'];
  due_ms: number | null;
  created_by: string;
  created_ms: number;
  started_by: string | null;
  started_ms: number | null;
  completed_by: string | null;
  completed_ms: number | null;
  completion_notes: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function toTask(row: TaskRow): MaintenanceTask {
  return {
    id: row.id,
    machineId: row.machine_id,
    lineId: row.line_id,
    title: row.title,
    notes: row.notes,
    status: row.status,
    dueAt: iso(row.due_ms),
    createdBy: row.created_by,
    createdAt: new Date(row.created_ms).toISOString(),
    startedBy: row.started_by,
    startedAt: iso(row.started_ms),
    completedBy: row.completed_by,
    completedAt: iso(row.completed_ms),
    completionNotes: row.completion_notes,
  };
}

/** Service plans, tasks, usage since the last service, and the temperature projection. */
export class MaintenanceStore {
  /** Prepared once: the maintenance check reads every machine each minute. */
  private readonly statements: StatementCache;
  private readonly temperatures: TemperatureWindow;

  constructor(
    private readonly db: Database,
    private readonly usage: UsageSinceService,
    private readonly temperatureLimit: (machineId: string) => number | null,
  ) {
    this.statements = new StatementCache(db);
    this.temperatures = new TemperatureWindow(
      TREND_WINDOW_MS,
      (machineId, fromMs) =>
        this.statements
          .sql(
            `SELECT ts_ms AS atMs, temperature AS value FROM telemetry_samples
             WHERE machine_id = ? AND ts_ms >= ? AND temperature IS NOT NULL`,
          )
          .all(machineId, fromMs) as Sample[],
    );
  }

  /** Ingest stored a temperature reading: the trend window keeps it. */
  temperatureStored(machineId: string, atMs: number, value: number): void {
    this.temperatures.stored(machineId, atMs, value);
  }

  /**
   * `planned: true` (the once-a-minute check): a machine without a service plan cannot be due,
   * so its usage is not counted (nor reported: zero).
   */
  status(
    machines: string[] | null,
    nowMs: number,
    { planned = false }: { planned?: boolean } = {},
  ): MaintenanceStatus[] {
    const rows = this.db
      .prepare(
        `SELECT m.id, m.line_id, m.created_at, p.interval_run_hours, p.interval_units, p.last_service_ms,
           (SELECT count(*) FROM maintenance_tasks t WHERE t.machine_id = m.id AND t.status != 'done') AS open_tasks
         FROM machines m LEFT JOIN maintenance_plans p ON p.machine_id = m.id
         WHERE ${inScope('m.id', machines)}
         ORDER BY m.line_id, m.id`,
      )
      .all({ machines: JSON.stringify(machines ?? []) }) as {
      id: string;
      line_id: string;
      created_at: string;
      interval_run_hours: number | null;
      interval_units: number | null;
      last_service_ms: number | null;
      open_tasks: number;
    }[];
    return rows.map((row) => {
      const sinceMs = row.last_service_ms ?? Date.parse(row.created_at);
      const used =
        planned && row.last_service_ms === null
          ? { runS: 0, units: 0 }
          : this.usage.usage(row.id, sinceMs, nowMs);
      const runHours = used.runS / 3600;
      const units = used.units;
      const plan =
        row.last_service_ms === null
          ? null
          : {
              intervalRunHours: row.interval_run_hours,
              intervalUnits: row.interval_units,
              lastServiceAt: new Date(row.last_service_ms).toISOString(),
            };
      const { status, share } = planStatus({ runHours, units }, plan);
      return {
        machineId: row.id,
        lineId: row.line_id,
        plan,
        runHoursSinceService: runHours,
        unitsSinceService: units,
        status,
        share,
        prediction: this.predict(row.id, nowMs),
        openTasks: row.open_tasks,
      };
    });
  }

  private predict(machineId: string, nowMs: number): MaintenanceStatus['prediction'] {
    const limit = this.temperatureLimit(machineId);
    if (limit === null) return null;
    const sums = this.temperatures.sums(machineId, nowMs);
    const projection = projectFromSums(sums, limit, nowMs);
    if (!projection) return null;
    const text = describeProjection(projection, limit, nowMs);
    return {
      metric: 'temperature',
      limit,
      current: projection.current,
      slopePerHour: projection.slopePerHour,
      reachesAt: iso(projection.reachesAtMs),
      text,
    };
  }

  savePlan(
    machineId: string,
    plan: { intervalRunHours: number | null; intervalUnits: number | null; lastServiceMs: number },
    actor: string,
    nowMs: number,
  ): void {
    this.db
      .prepare(
        `INSERT INTO maintenance_plans (machine_id, interval_run_hours, interval_units, last_service_ms, updated_by, updated_ms)
         VALUES (@machineId, @hours, @units, @last, @actor, @now)
         ON CONFLICT (machine_id) DO UPDATE SET interval_run_hours = excluded.interval_run_hours,
           interval_units = excluded.interval_units, last_service_ms = excluded.last_service_ms,
           updated_by = excluded.updated_by, updated_ms = excluded.updated_ms`,
      )
      .run({
        machineId,
        hours: plan.intervalRunHours,
        units: plan.intervalUnits,
        last: plan.lastServiceMs,
        actor,
        now: nowMs,
      });
  }

  lastServiceMs(machineId: string): number | null {
    return (
      (this.db
        .prepare('SELECT last_service_ms FROM maintenance_plans WHERE machine_id = ?')
        .pluck()
        .get(machineId) as number | undefined) ?? null
    );
  }

  scheduleTask(
    task: { machineId: string; title: string; notes?: string; dueAt?: string },
    actor: string,
    nowMs: number,
  ): MaintenanceTask {
    const line = this.db
      .prepare('SELECT line_id FROM machines WHERE id = ?')
      .pluck()
      .get(task.machineId) as string | undefined;
    if (!line) throw new StoreError('NOT_FOUND', `No machine ${task.machineId}`);
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO maintenance_tasks (machine_id, line_id, title, notes, due_ms, created_by, created_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        task.machineId,
        line,
        task.title,
        task.notes ?? null,
        task.dueAt ? Date.parse(task.dueAt) : null,
        actor,
        nowMs,
      );
    return this.task(Number(lastInsertRowid))!;
  }

  task(id: number): MaintenanceTask | null {
    const row = this.db.prepare('SELECT * FROM maintenance_tasks WHERE id = ?').get(id) as
      TaskRow | undefined;
    return row ? toTask(row) : null;
  }

  startTask(id: number, actor: string, nowMs: number): MaintenanceTask {
    const task = this.task(id);
    if (!task) throw new StoreError('NOT_FOUND', `No task ${id}`);
    if (task.status !== 'scheduled')
      throw new StoreError('CONFLICT', `Task ${id} is ${task.status}, not scheduled`);
    this.db
      .prepare(
        "UPDATE maintenance_tasks SET status = 'in_progress', started_by = ?, started_ms = ? WHERE id = ?",
      )
      .run(actor, nowMs, id);
    return this.task(id)!;
  }

  completeTask(id: number, actor: string, notes: string | null, nowMs: number): MaintenanceTask {
    const task = this.task(id);
    if (!task) throw new StoreError('NOT_FOUND', `No task ${id}`);
    if (task.status === 'done') throw new StoreError('CONFLICT', `Task ${id} is already done`);
    this.db
      .prepare(
        `UPDATE maintenance_tasks SET status = 'done', completed_by = ?, completed_ms = ?, completion_notes = ?,
           started_by = coalesce(started_by, ?), started_ms = coalesce(started_ms, ?) WHERE id = ?`,
      )
      .run(actor, nowMs, notes, actor, nowMs, id);
    return this.task(id)!;
  }

  tasks(
    machineId: string | undefined,
    machines: string[] | null,
    limit: number,
  ): MaintenanceTask[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM maintenance_tasks
         WHERE (@machineId IS NULL OR machine_id = @machineId)
           AND ${inScope('machine_id', machines)}
         ORDER BY status = 'done', coalesce(completed_ms, due_ms, created_ms) DESC LIMIT @limit`,
      )
      .all({
        machineId: machineId ?? null,
        machines: JSON.stringify(machines ?? []),
        limit,
      }) as TaskRow[];
    return rows.map(toTask);
  }
}
