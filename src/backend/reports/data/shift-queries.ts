import type { Database } from 'better-sqlite3';
import type { OeeRow } from '../../../shared/contract';
import { computeOee, type HourFigures } from '../../scoring/oee';
import { OeeStore } from '../../store/oee-store';
import type { ReportJob } from '../report-job';
import { PRIORITIES } from './report-parts';
import { resultCounts } from '../../store/result-counts';
import { alertInScope, inMachines, rawScanByTime, scopeParams } from './report-scope-sql';
import { firstPassCounts, type FirstPassCounts } from '../../store/unit-hours';

/** The queries of the shift report; shift-report.ts assembles its sections from them. */

export const TOP_FAILURES = 5;
/** The key computeOee groups a whole scope under, so it sums every machine into one row. */
const WHOLE_SCOPE = '*';

export interface OeeOfScope {
  hours: HourFigures[];
  byMachine: OeeRow[];
  byHour: OeeRow[];
  total: OeeRow | undefined;
}

/** The same sums and formula as `oee.report`, over the scope's machines. */
export function oeeOf(db: Database, job: ReportJob): OeeOfScope {
  const store = new OeeStore(db);
  const hours = store.hourFigures(job.fromMs, job.toMs, job.scope.machineIds, job.generatedAtMs);
  const idealCycleS = store.idealCycleTimes();
  const options = {
    shifts: job.shifts,
    timeZone: job.timeZone,
    fromMs: job.fromMs,
    toMs: job.toMs,
  };
  const byMachine = computeOee(hours, idealCycleS, { ...options, bucketing: 'total' });
  const whole = hours.map((hour) => ({ ...hour, lineId: WHOLE_SCOPE }));
  const total = computeOee(whole, idealCycleS, { ...options, bucketing: 'total' }).find(
    (row) => row.machineId === null,
  );
  const byHour = computeOee(whole, idealCycleS, { ...options, bucketing: 'hour' }).filter(
    (row) => row.machineId === null,
  );
  return { hours, byMachine, byHour, total };
}

/** Units tested, and of those with a judged first attempt in the range, how many passed every one. */
export function firstPassYield(db: Database, job: ReportJob): FirstPassCounts {
  return firstPassCounts(
    db,
    job.fromMs,
    job.toMs,
    job.scope.machineIds,
    rawScanByTime(db, job.scope.machineIds),
  );
}

export interface StepFailures {
  product: string;
  step: string;
  failures: number;
  tested: number;
}

/** The pairs with most failed first attempts, from the hourly result counts. */
export function topFailures(db: Database, job: ReportJob): StepFailures[] {
  return resultCounts(db, job.fromMs, job.toMs, job.scope.machineIds, 'productStep')
    .map((row) => ({
      product: row.productId,
      step: row.testStep,
      failures: row.firstFailed,
      tested: row.firstJudged,
    }))
    .filter((pair) => pair.failures > 0)
    .sort(
      (a, b) =>
        b.failures - a.failures ||
        a.product.localeCompare(b.product) ||
        a.step.localeCompare(b.step),
    )
    .slice(0, TOP_FAILURES);
}

export function alertsByPriority(
  db: Database,
  job: ReportJob,
): { priority: string; raised: number; acknowledged: number; open: number }[] {
  const rows = db
    .prepare(
      `SELECT priority,
         count(*) FILTER (WHERE raised_ms >= @from) AS raised,
         count(*) FILTER (WHERE raised_ms >= @from AND acked_ms IS NOT NULL AND acked_ms < @to) AS acknowledged,
         count(*) FILTER (WHERE cleared_ms IS NULL OR cleared_ms >= @to) AS open
       FROM alerts a
       WHERE raised_ms < @to AND (raised_ms >= @from OR cleared_ms IS NULL OR cleared_ms >= @from)
         AND ${alertInScope('a')}
       GROUP BY priority`,
    )
    .all(scopeParams(job)) as {
    priority: string;
    raised: number;
    acknowledged: number;
    open: number;
  }[];
  const byPriority = new Map(rows.map((row) => [row.priority, row]));
  return PRIORITIES.map(
    (priority) => byPriority.get(priority) ?? { priority, raised: 0, acknowledged: 0, open: 0 },
  );
}

/** Maintenance tasks completed in the range, on the scope's machines. */
export function completedTasks(db: Database, job: ReportJob) {
  return db
    .prepare(
      `SELECT machine_id, title, completed_ms, completed_by, completion_notes
       FROM maintenance_tasks
       WHERE status = 'done' AND completed_ms >= @from AND completed_ms < @to
         AND ${inMachines('machine_id')}
       ORDER BY completed_ms, id`,
    )
    .all(scopeParams(job)) as {
    machine_id: string;
    title: string;
    completed_ms: number;
    completed_by: string | null;
    completion_notes: string | null;
  }[];
}
