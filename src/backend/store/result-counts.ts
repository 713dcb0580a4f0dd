import type { Database } from 'better-sqlite3';

const HOUR_MS = 3_600_000;

/** Test results counted per machine, clock hour, product and step. */
export interface ResultCount {
  machineId: string;
  lineId: string;
  hourMs: number;
  productId: string;
  testStep: string;
  results: number;
  passed: number;
  failed: number;
  /** First attempts judged against a spec (PASS or FAIL). */
  firstJudged: number;
  firstPassed: number;
  firstFailed: number;
}

const COLUMNS = `machine_id AS machineId, line_id AS lineId, hour_ms AS hourMs,
  product_id AS productId, test_step AS testStep, results, passed, failed,
  first_judged AS firstJudged, first_passed AS firstPassed, first_failed AS firstFailed`;

const MACHINE_FILTER = '(@all OR machine_id IN (SELECT value FROM json_each(@machines)))';

/**
 * The counts of the results in [fromMs, toMs) on the given machines (null: all). Whole hours
 * come from the `result_hours` rollup (kept by a trigger); the partial hours at either end of
 * the range are counted from the raw results, so any range is exact and a day of a million
 * results costs a few thousand rows.
 */
export function resultCounts(
  db: Database,
  fromMs: number,
  toMs: number,
  machines: readonly string[] | null,
): ResultCount[] {
  if (toMs <= fromMs) return [];
  const filter = { all: Number(machines === null), machines: JSON.stringify(machines ?? []) };
  const firstWhole = Math.ceil(fromMs / HOUR_MS) * HOUR_MS;
  const endWhole = Math.floor(toMs / HOUR_MS) * HOUR_MS;
  if (firstWhole >= endWhole) return raw(db, fromMs, toMs, filter);
  const whole = db
    .prepare(
      `SELECT ${COLUMNS} FROM result_hours
       WHERE hour_ms >= @from AND hour_ms < @to AND ${MACHINE_FILTER}`,
    )
    .all({ ...filter, from: firstWhole, to: endWhole }) as ResultCount[];
  return [
    ...(fromMs < firstWhole ? raw(db, fromMs, firstWhole, filter) : []),
    ...whole,
    ...(endWhole < toMs ? raw(db, endWhole, toMs, filter) : []),
  ];
}

function raw(
  db: Database,
  fromMs: number,
  toMs: number,
  filter: { all: number; machines: string },
): ResultCount[] {
  return db
    .prepare(
      `SELECT machine_id AS machineId, min(line_id) AS lineId, (ts_ms / ${HOUR_MS}) * ${HOUR_MS} AS hourMs,
         product_id AS productId, test_step AS testStep, count(*) AS results,
         sum(verdict = 'PASS') AS passed, sum(verdict = 'FAIL') AS failed,
         sum(attempt = 1 AND verdict <> 'NO_SPEC') AS firstJudged,
         sum(attempt = 1 AND verdict = 'PASS') AS firstPassed,
         sum(attempt = 1 AND verdict = 'FAIL') AS firstFailed
       FROM test_results
       WHERE ts_ms >= @from AND ts_ms < @to AND ${MACHINE_FILTER}
       GROUP BY machine_id, hourMs, product_id, test_step`,
    )
    .all({ ...filter, from: fromMs, to: toMs }) as ResultCount[];
}
