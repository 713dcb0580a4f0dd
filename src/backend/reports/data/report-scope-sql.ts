import type { Database } from 'better-sqlite3';
import type { ReportJob } from '../report-job';

/**
 * The scope of a job as SQL parameters and filters. Machines are always named one by one
 * (`json_each`), so a report never reads a machine outside `job.scope.machineIds`; records
 * without a machine (line or plant alerts) are read for `visibleLineIds` only.
 */
export interface ScopeParams {
  machines: string;
  lines: string;
  allLines: number;
  from: number;
  to: number;
}

export function scopeParams(job: ReportJob): ScopeParams {
  return {
    machines: JSON.stringify(job.scope.machineIds),
    lines: JSON.stringify(job.visibleLineIds ?? []),
    allLines: Number(job.visibleLineIds === null),
    from: job.fromMs,
    to: job.toMs,
  };
}

/** `<column> IN` the scope's machines. */
export const inMachines = (column: string): string =>
  `${column} IN (SELECT value FROM json_each(@machines))`;

/**
 * The machine filter for a scan of test results over a time range. A few machines are read
 * through the (machine, time) index; for many, walking that index machine by machine visits
 * every table page once per machine, so the scan goes through the time index instead (the
 * unary `+` keeps SQLite from using the machine index). Measured on a million results of ten
 * machines: about half the time of the machine index when the scope holds them all.
 */
export function resultsInMachines(db: Database, job: ReportJob): string {
  return inMachines(rawScanByTime(db, job.scope.machineIds) ? '+machine_id' : 'machine_id');
}

/** Whether a scan of raw results over these machines should walk the time index (see above). */
export function rawScanByTime(db: Database, machineIds: readonly string[]): boolean {
  const total = db.prepare('SELECT count(*) FROM machines').pluck().get() as number;
  return machineIds.length * 3 > total;
}

/** A table with a (machine_id, …) key and a time column, for machinesOutsideScope. */
export interface MachineTimeTable {
  table: 'test_results' | 'telemetry_minutes';
  time: 'ts_ms' | 'minute_ms';
}
export const RESULTS_BY_TIME: MachineTimeTable = { table: 'test_results', time: 'ts_ms' };
export const TELEMETRY_BY_MINUTE: MachineTimeTable = {
  table: 'telemetry_minutes',
  time: 'minute_ms',
};

/**
 * Whether any machine outside the job's scope has a row of `table` in [from, to), so that a
 * scan of the range by time must test each row's machine. A plant-wide report (the common
 * case) then tests nothing per row: on a million results that test was a fifth of the scan.
 * The machines are found by walking the distinct keys of the table's machine index (one seek
 * per machine, then one for its rows in the range), not from the machine registry, so a row
 * is never read for a machine the scope leaves out, whatever the registry says.
 */
export function machinesOutsideScope(
  db: Database,
  job: ReportJob,
  { table, time }: MachineTimeTable,
  fromMs = job.fromMs,
  toMs = job.toMs,
): boolean {
  const found = db
    .prepare(
      `WITH RECURSIVE seen(machine_id) AS (
         SELECT (SELECT min(machine_id) FROM ${table})
         UNION ALL
         SELECT (SELECT min(machine_id) FROM ${table} WHERE machine_id > seen.machine_id)
         FROM seen WHERE seen.machine_id IS NOT NULL
       )
       SELECT 1 FROM seen
       WHERE machine_id IS NOT NULL AND machine_id NOT IN (SELECT value FROM json_each(@machines))
         AND EXISTS (SELECT 1 FROM ${table} t
                     WHERE t.machine_id = seen.machine_id AND t.${time} >= @from AND t.${time} < @to)
       LIMIT 1`,
    )
    .pluck()
    .get({ machines: JSON.stringify(job.scope.machineIds), from: fromMs, to: toMs });
  return found !== undefined;
}

/** An alert the caller may see: on a machine in scope, or machine-less on a visible line. */
export const alertInScope = (alias: string): string =>
  `(${inMachines(`${alias}.machine_id`)} OR (${alias}.machine_id IS NULL AND (@allLines
     OR ${alias}.line_id IN (SELECT value FROM json_each(@lines)))))`;
