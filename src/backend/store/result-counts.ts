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
 * come from the `result_hours` rollup (see ResultHourTally); the partial hours at either end of
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

interface TallyRow {
  machineId: string;
  lineId: string;
  hourMs: number;
  productId: string;
  testStep: string;
  results: number;
  passed: number;
  failed: number;
  firstJudged: number;
  firstPassed: number;
  firstFailed: number;
}

/**
 * Adds stored results to the `result_hours` rollup, summed in memory over one transaction and
 * written once per key at its end: a batch of 2,000 results usually touches a handful of keys.
 * `reset` at the start of a transaction drops what a rolled-back one left behind.
 */
export class ResultHourTally {
  private readonly pending = new Map<string, TallyRow>();
  private readonly upsert;

  constructor(db: Database) {
    this.upsert = db.prepare(
      `INSERT INTO result_hours (machine_id, hour_ms, product_id, test_step, line_id, results,
         passed, failed, first_judged, first_passed, first_failed)
       VALUES (@machineId, @hourMs, @productId, @testStep, @lineId, @results, @passed, @failed,
         @firstJudged, @firstPassed, @firstFailed)
       ON CONFLICT (machine_id, hour_ms, product_id, test_step) DO UPDATE SET
         results = results + excluded.results,
         passed = passed + excluded.passed,
         failed = failed + excluded.failed,
         first_judged = first_judged + excluded.first_judged,
         first_passed = first_passed + excluded.first_passed,
         first_failed = first_failed + excluded.first_failed`,
    );
  }

  reset(): void {
    this.pending.clear();
  }

  add(result: {
    machineId: string;
    lineId: string;
    timestampMs: number;
    productId: string;
    testStep: string;
    verdict: 'PASS' | 'FAIL' | 'NO_SPEC';
    attempt: number;
  }): void {
    const hourMs = Math.floor(result.timestampMs / HOUR_MS) * HOUR_MS;
    const key = `${result.machineId}\u0000${hourMs}\u0000${result.productId}\u0000${result.testStep}`;
    let row = this.pending.get(key);
    if (!row) {
      row = {
        machineId: result.machineId,
        lineId: result.lineId,
        hourMs,
        productId: result.productId,
        testStep: result.testStep,
        results: 0,
        passed: 0,
        failed: 0,
        firstJudged: 0,
        firstPassed: 0,
        firstFailed: 0,
      };
      this.pending.set(key, row);
    }
    const first = result.attempt === 1;
    row.results += 1;
    if (result.verdict === 'PASS') row.passed += 1;
    if (result.verdict === 'FAIL') row.failed += 1;
    if (first && result.verdict !== 'NO_SPEC') row.firstJudged += 1;
    if (first && result.verdict === 'PASS') row.firstPassed += 1;
    if (first && result.verdict === 'FAIL') row.firstFailed += 1;
  }

  flush(): void {
    for (const row of this.pending.values()) this.upsert.run(row);
    this.pending.clear();
  }
}
