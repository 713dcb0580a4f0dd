import type { Database } from 'better-sqlite3';
import type { DataCompleteness } from '../../../shared/contract';
import type { ReportJob } from '../report-job';
import { MINUTE_MS } from './report-parts';
import {
  inMachines,
  machinesOutsideScope,
  rawScanByTime,
  scopeParams,
  TELEMETRY_BY_MINUTE,
} from './report-scope-sql';

const MAX_GAPS = 20;
/** One quiet minute is normal jitter; two or more in a row are a gap worth printing. */
const MIN_GAP_MINUTES = 2;

/**
 * The minutes of [from, min(to, generated)) in which any machine in scope sent telemetry,
 * read from the per-minute rollups (kept two years, so old ranges are judged fairly too).
 */
export function completeness(db: Database, job: ReportJob): DataCompleteness {
  const start = Math.floor(job.fromMs / MINUTE_MS) * MINUTE_MS;
  const end = Math.min(job.toMs, job.generatedAtMs);
  const minutesInRange = end > start ? Math.ceil((end - start) / MINUTE_MS) : 0;
  // Across most of the plant, the time index yields the minutes in order (no DISTINCT sort);
  // when no machine outside the scope sent telemetry in the range, no row's machine is tested.
  const machineColumn = rawScanByTime(db, job.scope.machineIds) ? '+machine_id' : 'machine_id';
  const machineFilter =
    machineColumn === 'machine_id' || machinesOutsideScope(db, job, TELEMETRY_BY_MINUTE, start, end)
      ? `AND ${inMachines(machineColumn)}`
      : '';
  const minutes =
    minutesInRange === 0
      ? []
      : (db
          .prepare(
            `SELECT DISTINCT minute_ms FROM telemetry_minutes
             WHERE minute_ms >= @start AND minute_ms < @end ${machineFilter}
             ORDER BY minute_ms`,
          )
          .pluck()
          .all({ ...scopeParams(job), start, end }) as number[]);

  const gaps: DataCompleteness['gaps'] = [];
  const addGap = (fromMs: number, toMs: number) => {
    const length = Math.round((toMs - fromMs) / MINUTE_MS);
    if (length >= MIN_GAP_MINUTES) {
      gaps.push({
        from: new Date(fromMs).toISOString(),
        to: new Date(toMs).toISOString(),
        minutes: length,
      });
    }
  };
  let cursor = start;
  for (const minute of minutes) {
    addGap(cursor, minute);
    cursor = minute + MINUTE_MS;
  }
  if (minutesInRange > 0) addGap(cursor, start + minutesInRange * MINUTE_MS);
  gaps.sort((a, b) => b.minutes - a.minutes || a.from.localeCompare(b.from));

  return {
    share: minutesInRange > 0 ? Math.min(1, minutes.length / minutesInRange) : 0,
    minutesWithData: minutes.length,
    minutesInRange,
    gaps: gaps.slice(0, MAX_GAPS),
    gapCount: gaps.length,
  };
}
