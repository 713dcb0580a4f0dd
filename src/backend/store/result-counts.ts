import type { Database } from 'better-sqlite3';
import { StatementCache } from './alert-rows';
import { BatchTally, HOUR_MS, hourOf, type KeyPart, type TalliedResult } from './batch-tally';

/** Statements prepared once per database: counts are asked per machine, every minute. */
const statementsOf = new WeakMap<Database, StatementCache>();
function statements(db: Database): StatementCache {
  let cache = statementsOf.get(db);
  if (!cache) {
    cache = new StatementCache(db);
    statementsOf.set(db, cache);
  }
  return cache;
}

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

/** The keys each grouping sums over; `detail` is the rollup's own grain. */
const GROUPINGS = {
  detail: ['machineId', 'lineId', 'hourMs', 'productId', 'testStep'],
  machineHour: ['machineId', 'lineId', 'hourMs'],
  productStep: ['productId', 'testStep'],
} as const;
export type ResultGrouping = keyof typeof GROUPINGS;
type CountField = Exclude<keyof ResultCount, (typeof GROUPINGS)['detail'][number]>;
/** A row of `resultCounts` under a grouping: its keys and every count. */
export type ResultCountBy<G extends ResultGrouping> = Pick<
  ResultCount,
  (typeof GROUPINGS)[G][number] | CountField
>;

const KEY_SQL: Record<(typeof GROUPINGS)['detail'][number], string> = {
  machineId: 'machine_id AS machineId',
  // A machine belongs to one line; `min` only names it once per group.
  lineId: 'min(line_id) AS lineId',
  hourMs: 'hour_ms AS hourMs',
  productId: 'product_id AS productId',
  testStep: 'test_step AS testStep',
};
const GROUP_SQL: Record<(typeof GROUPINGS)['detail'][number], string | null> = {
  machineId: 'machine_id',
  lineId: null,
  hourMs: 'hour_ms',
  productId: 'product_id',
  testStep: 'test_step',
};

/**
 * No filter for the whole plant; for named machines a plain IN, which SQLite reads through the
 * (machine, time) keys. `@all OR machine_id IN (…)` hid those keys from the planner: every call
 * for one machine scanned the whole plant's raw results of the partial hours by time (the
 * maintenance check, one call per machine each minute, stalled ingest for seconds).
 */
const machineFilter = (machines: readonly string[] | null): string =>
  machines === null ? '1' : 'machine_id IN (SELECT value FROM json_each(@machines))';

const RAW_ROWS = `SELECT machine_id, line_id, (ts_ms / ${HOUR_MS}) * ${HOUR_MS} AS hour_ms,
    product_id, test_step, 1 AS results, verdict = 'PASS' AS passed, verdict = 'FAIL' AS failed,
    attempt = 1 AND verdict <> 'NO_SPEC' AS first_judged, attempt = 1 AND verdict = 'PASS' AS first_passed,
    attempt = 1 AND verdict = 'FAIL' AS first_failed
  FROM test_results`;

/**
 * The counts of the results in [fromMs, toMs) on the given machines (null: all), summed per
 * `grouping` in SQL. Whole hours come from the `result_hours` rollup (see ResultHourTally);
 * the partial hours at either end of the range are counted from the raw results, so any
 * range is exact and a day of a million results reads a few thousand rows. Summing in SQL
 * matters: handing 24,000 rollup rows to JavaScript took longer than reading them.
 */
export function resultCounts<G extends ResultGrouping = 'detail'>(
  db: Database,
  fromMs: number,
  toMs: number,
  machines: readonly string[] | null,
  grouping?: G,
): ResultCountBy<G>[] {
  if (toMs <= fromMs) return [];
  const keys = GROUPINGS[grouping ?? 'detail'];
  // With no whole hour inside the range, the raw head covers all of it.
  const wholeFrom = Math.min(Math.ceil(fromMs / HOUR_MS) * HOUR_MS, toMs);
  const wholeTo = Math.max(Math.floor(toMs / HOUR_MS) * HOUR_MS, wholeFrom);
  const groupBy = keys.map((key) => GROUP_SQL[key]).filter((column) => column !== null);
  const inMachines = machineFilter(machines);
  return statements(db)
    .sql(
      `SELECT ${keys.map((key) => KEY_SQL[key]).join(', ')}, sum(results) AS results,
         sum(passed) AS passed, sum(failed) AS failed, sum(first_judged) AS firstJudged,
         sum(first_passed) AS firstPassed, sum(first_failed) AS firstFailed
       FROM (
         ${RAW_ROWS} WHERE ts_ms >= @from AND ts_ms < @wholeFrom AND ${inMachines}
         UNION ALL
         SELECT machine_id, line_id, hour_ms, product_id, test_step, results, passed, failed,
           first_judged, first_passed, first_failed
         FROM result_hours WHERE hour_ms >= @wholeFrom AND hour_ms < @wholeTo AND ${inMachines}
         UNION ALL
         ${RAW_ROWS} WHERE ts_ms >= @wholeTo AND ts_ms < @to AND ${inMachines}
       )
       GROUP BY ${groupBy.join(', ')}`,
    )
    .all({
      machines: JSON.stringify(machines ?? []),
      from: fromMs,
      to: toMs,
      wholeFrom,
      wholeTo,
    }) as ResultCountBy<G>[];
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

/** Adds stored results to the `result_hours` rollup, per machine, hour, product and step. */
export class ResultHourTally extends BatchTally<TallyRow> {
  constructor(db: Database) {
    super(
      db.prepare(
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
      ),
    );
  }

  protected keysOf(result: TalliedResult, parts: KeyPart[]): void {
    parts.push(result.machineId, hourOf(result.timestampMs), result.productId, result.testStep);
  }

  protected emptyRow(result: TalliedResult): TallyRow {
    return {
      machineId: result.machineId,
      lineId: result.lineId,
      hourMs: hourOf(result.timestampMs),
      productId: result.productId,
      testStep: result.testStep,
      results: 0,
      passed: 0,
      failed: 0,
      firstJudged: 0,
      firstPassed: 0,
      firstFailed: 0,
    };
  }

  protected count(row: TallyRow, result: TalliedResult): void {
    const first = result.attempt === 1;
    row.results += 1;
    if (result.verdict === 'PASS') row.passed += 1;
    if (result.verdict === 'FAIL') row.failed += 1;
    if (first && result.verdict !== 'NO_SPEC') row.firstJudged += 1;
    if (first && result.verdict === 'PASS') row.firstPassed += 1;
    if (first && result.verdict === 'FAIL') row.firstFailed += 1;
  }

  protected uncountFirst(row: TallyRow, result: TalliedResult): void {
    if (result.verdict !== 'NO_SPEC') row.firstJudged -= 1;
    if (result.verdict === 'PASS') row.firstPassed -= 1;
    if (result.verdict === 'FAIL') row.firstFailed -= 1;
  }
}
