import type { Database } from 'better-sqlite3';
import {
  FLOOD_WINDOW_MS,
  floodsOf,
  raisedByGroup,
  type Flood,
  type FloodGroup,
} from '../../../shared/rules/flood';
import type { ReportJob } from '../report-job';
import { alertInScope, scopeParams } from './report-scope-sql';

export interface ReportFlood extends Flood {
  group: FloodGroup;
}

/**
 * The alert floods of a report's range, by the shared rule (src/shared/rules/flood.ts): per
 * line and for the plant-wide alerts, each flood the one the live rule announced. Alerts from
 * one window before the range are read too, so a flood that began just before it is found as
 * it began; floods that ended before the range are left out. Only alerts in the reader's scope
 * count: for a whole line that is every alert of the line, as live.
 */
export function floodsInRange(db: Database, job: ReportJob): ReportFlood[] {
  const rows = db
    .prepare(
      `SELECT line_id AS lineId, raised_ms AS raisedMs FROM alerts a
       WHERE raised_ms > @since AND raised_ms < @to AND ${alertInScope('a')}`,
    )
    .all({ ...scopeParams(job), since: job.fromMs - FLOOD_WINDOW_MS }) as {
    lineId: string | null;
    raisedMs: number;
  }[];
  const floods: ReportFlood[] = [];
  for (const [group, times] of raisedByGroup(rows)) {
    for (const flood of floodsOf(times)) {
      if (flood.endMs >= job.fromMs) floods.push({ ...flood, group });
    }
  }
  return floods.sort(
    (a, b) => a.startMs - b.startMs || (a.group ?? '').localeCompare(b.group ?? ''),
  );
}
