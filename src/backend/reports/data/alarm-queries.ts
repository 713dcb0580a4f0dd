import type { Database } from 'better-sqlite3';
import type { ReportJob } from '../report-job';
import { alertInScope, scopeParams } from './report-scope-sql';

// The queries of the alarm report; alarm-report.ts assembles its sections from them.

export interface AlertRow {
  id: number;
  condition_key: string;
  source: string;
  priority: string;
  line_id: string | null;
  machine_id: string | null;
  message: string;
  raised_ms: number;
  raise_count: number;
  acked_ms: number | null;
}

/** The alerts raised in the range, in the caller's scope, oldest first. */
export function alertsRaisedInRange(db: Database, job: ReportJob): AlertRow[] {
  return db
    .prepare(
      `SELECT id, condition_key, source, priority, line_id, machine_id, message, raised_ms,
         raise_count, acked_ms
       FROM alerts a
       WHERE raised_ms >= @from AND raised_ms < @to AND ${alertInScope('a')}
       ORDER BY raised_ms, id`,
    )
    .all(scopeParams(job)) as AlertRow[];
}

export function shelvedInRange(db: Database, job: ReportJob) {
  return db
    .prepare(
      `SELECT a.raised_ms, a.machine_id, a.line_id, a.message, e.actor,
         json_extract(e.details, '$.reason') AS reason, json_extract(e.details, '$.until') AS until
       FROM events e JOIN alerts a ON a.id = json_extract(e.details, '$.alertId')
       WHERE e.type = 'alert.shelved' AND e.at >= @fromIso AND e.at < @toIso AND ${alertInScope('a')}
       ORDER BY e.at, e.id`,
    )
    .all({
      ...scopeParams(job),
      fromIso: new Date(job.fromMs).toISOString(),
      toIso: new Date(job.toMs).toISOString(),
    }) as {
    raised_ms: number;
    machine_id: string | null;
    line_id: string | null;
    message: string;
    actor: string | null;
    reason: string | null;
    until: string | null;
  }[];
}
