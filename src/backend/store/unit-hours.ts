import type { Database } from 'better-sqlite3';
import type { Verdict } from '../../shared/contract';

const HOUR_MS = 3_600_000;

/** First-pass yield's counts over a range: units, and how their first attempts went. */
export interface FirstPassCounts {
  /** Distinct units (barcodes) with any result in the range. */
  tested: number;
  /** Units with at least one first attempt judged against a spec (PASS or FAIL). */
  judged: number;
  /** Judged units none of whose first attempts failed. */
  good: number;
}

const MACHINE_FILTER = 'machine_id IN (SELECT value FROM json_each(@machines))';

const RAW_ROWS = `SELECT barcode, attempt = 1 AND verdict <> 'NO_SPEC' AS first_judged,
    attempt = 1 AND verdict = 'FAIL' AS first_failed
  FROM test_results`;

/**
 * First-pass yield's counts for the results in [fromMs, toMs) on the given machines. Whole
 * hours come from the `unit_hours` rollup (see UnitHourTally), the partial hours at either
 * end from the raw results; a unit tested across hours or machines is added up by barcode.
 * `rawTimeScan` reads raw results through the time index instead of the machine index
 * (faster when the machines are most of the plant; see resultsInMachines).
 */
export function firstPassCounts(
  db: Database,
  fromMs: number,
  toMs: number,
  machines: readonly string[],
  rawTimeScan = true,
): FirstPassCounts {
  if (toMs <= fromMs) return { tested: 0, judged: 0, good: 0 };
  const wholeFrom = Math.min(Math.ceil(fromMs / HOUR_MS) * HOUR_MS, toMs);
  const wholeTo = Math.max(Math.floor(toMs / HOUR_MS) * HOUR_MS, wholeFrom);
  const rawFilter = rawTimeScan ? `+${MACHINE_FILTER}` : MACHINE_FILTER;
  return db
    .prepare(
      `SELECT count(*) AS tested, coalesce(sum(judged > 0), 0) AS judged,
         coalesce(sum(judged > 0 AND failed = 0), 0) AS good
       FROM (SELECT barcode, sum(first_judged) AS judged, sum(first_failed) AS failed
             FROM (
               ${RAW_ROWS} WHERE ts_ms >= @from AND ts_ms < @wholeFrom AND ${rawFilter}
               UNION ALL
               SELECT barcode, first_judged, first_failed FROM unit_hours
               WHERE hour_ms >= @wholeFrom AND hour_ms < @wholeTo AND ${MACHINE_FILTER}
               UNION ALL
               ${RAW_ROWS} WHERE ts_ms >= @wholeTo AND ts_ms < @to AND ${rawFilter}
             )
             GROUP BY barcode)`,
    )
    .get({
      machines: JSON.stringify(machines),
      from: fromMs,
      to: toMs,
      wholeFrom,
      wholeTo,
    }) as FirstPassCounts;
}

interface UnitRow {
  hourMs: number;
  machineId: string;
  barcode: string;
  results: number;
  firstJudged: number;
  firstFailed: number;
}

/**
 * Adds stored results to the `unit_hours` rollup, summed in memory over one transaction and
 * written once per unit, hour and machine at its end: a unit's several steps in one batch cost
 * one write. `reset` at the start of a transaction drops what a rolled-back one left behind.
 */
export class UnitHourTally {
  private readonly pending = new Map<string, UnitRow>();
  private readonly upsert;

  constructor(db: Database) {
    this.upsert = db.prepare(
      `INSERT INTO unit_hours (hour_ms, machine_id, barcode, results, first_judged, first_failed)
       VALUES (@hourMs, @machineId, @barcode, @results, @firstJudged, @firstFailed)
       ON CONFLICT (hour_ms, machine_id, barcode) DO UPDATE SET
         results = results + excluded.results,
         first_judged = first_judged + excluded.first_judged,
         first_failed = first_failed + excluded.first_failed`,
    );
  }

  reset(): void {
    this.pending.clear();
  }

  add(result: {
    machineId: string;
    barcode: string;
    timestampMs: number;
    verdict: Verdict;
    attempt: number;
  }): void {
    const hourMs = Math.floor(result.timestampMs / HOUR_MS) * HOUR_MS;
    const key = `${hourMs}\u0000${result.machineId}\u0000${result.barcode}`;
    let row = this.pending.get(key);
    if (!row) {
      row = {
        hourMs,
        machineId: result.machineId,
        barcode: result.barcode,
        results: 0,
        firstJudged: 0,
        firstFailed: 0,
      };
      this.pending.set(key, row);
    }
    row.results += 1;
    if (result.attempt === 1 && result.verdict !== 'NO_SPEC') row.firstJudged += 1;
    if (result.attempt === 1 && result.verdict === 'FAIL') row.firstFailed += 1;
  }

  flush(): void {
    for (const row of this.pending.values()) this.upsert.run(row);
    this.pending.clear();
  }
}
