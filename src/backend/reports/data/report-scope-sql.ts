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

/** An alert the caller may see: on a machine in scope, or machine-less on a visible line. */
export const alertInScope = (alias: string): string =>
  `(${inMachines(`${alias}.machine_id`)} OR (${alias}.machine_id IS NULL AND (@allLines
     OR ${alias}.line_id IN (SELECT value FROM json_each(@lines)))))`;
