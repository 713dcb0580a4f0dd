import type { Database, Statement } from 'better-sqlite3';
import { BatchTally, HOUR_MS, hourOf, type KeyPart, type TalliedResult } from './batch-tally';

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
 * Adds stored results to the `unit_hours` rollup, per hour, machine and unit: a unit's
 * several steps in one batch cost one write.
 */
export class UnitHourTally extends BatchTally<UnitRow> {
  constructor(db: Database) {
    super(
      db.prepare(
        `INSERT INTO unit_hours (hour_ms, machine_id, barcode, results, first_judged, first_failed)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (hour_ms, machine_id, barcode) DO UPDATE SET
           results = results + excluded.results,
           first_judged = first_judged + excluded.first_judged,
           first_failed = first_failed + excluded.first_failed`,
      ),
    );
  }

  /**
   * By position: with one unit per result this is a row per result, and binding an object by
   * name cost a property lookup per column (about a third of the upsert).
   */
  protected override write(upsert: Statement, row: UnitRow): void {
    upsert.run(
      row.hourMs,
      row.machineId,
      row.barcode,
      row.results,
      row.firstJudged,
      row.firstFailed,
    );
  }

  protected keysOf(result: TalliedResult, parts: KeyPart[]): void {
    parts.push(hourOf(result.timestampMs), result.machineId, result.barcode);
  }

  protected emptyRow(result: TalliedResult): UnitRow {
    return {
      hourMs: hourOf(result.timestampMs),
      machineId: result.machineId,
      barcode: result.barcode,
      results: 0,
      firstJudged: 0,
      firstFailed: 0,
    };
  }

  protected count(row: UnitRow, result: TalliedResult): void {
    row.results += 1;
    if (result.attempt === 1 && result.verdict !== 'NO_SPEC') row.firstJudged += 1;
    if (result.attempt === 1 && result.verdict === 'FAIL') row.firstFailed += 1;
  }

  protected uncountFirst(row: UnitRow, result: TalliedResult): void {
    if (result.verdict !== 'NO_SPEC') row.firstJudged -= 1;
    if (result.verdict === 'FAIL') row.firstFailed -= 1;
  }
}
