import type { Database } from 'better-sqlite3';
import type { ReportJob } from '../report-job';
import {
  inMachines,
  machinesOutsideScope,
  RESULTS_BY_TIME,
  resultsInMachines,
  scopeParams,
} from './report-scope-sql';

/** One product and step of the quality report: every value of the range in time order. */
export interface StepData {
  product: string;
  step: string;
  values: number[];
  judged: number;
  passed: number;
}

/**
 * Past this many product and step pairs the code of each result (see readSteps) takes a long
 * CASE: the rows are read one by one instead.
 */
const MAX_CODED_PAIRS = 64;
const HOUR_MS = 3_600_000;

/**
 * Every result of the scope in time order, grouped by product and step (in that order).
 *
 * The individuals chart's sigma needs each step's values in time order, so every value is
 * read. Handing a million rows to JavaScript one by one cost about 1.5 µs a row (three strings
 * each); here SQLite walks the time index once and calls a JavaScript function (TAKE_ROW) with
 * two numbers per result: its value, and a small number naming its product and step (its place
 * in a list read from the hourly rollup `result_hours`) and its verdict. The value is the stored
 * double itself, so the figures are computed from the same numbers in the same order. (Two
 * `json_group_array`s before cost twice as much: SQLite printing a million doubles as text and
 * JSON.parse reading them back, about 500 ms of a report's 1.2 s on a million results.)
 *
 * What each row costs SQLite was measured on a million results (issue 15): the scan itself
 * about 90 ms, a product and step CASE of `WHEN product_id = … AND test_step = …` per pair
 * 120 ms, two string comparisons for the verdict 55 ms, the machine filter 90 ms. So the CASE
 * asks for the product once and then the step (`CASE x WHEN`, x read once), the verdict is its
 * first letter's code modulo 3 (PASS 2, FAIL 1, NO_SPEC 0), and the machine filter is left out
 * when no machine outside the scope has a result in the range (see machinesOutsideScope).
 */
export function readSteps(db: Database, job: ReportJob): StepData[] {
  const pairs = pairsInRange(db, job);
  if (pairs.length > MAX_CODED_PAIRS) return readStepsRowByRow(db, job);
  const named: Record<string, string> = {};
  const byProduct = new Map<string, number[]>();
  pairs.forEach(([product, step], index) => {
    named[`s${index}`] = step;
    const ofProduct = byProduct.get(product) ?? [];
    if (ofProduct.length === 0) {
      named[`p${byProduct.size}`] = product;
      byProduct.set(product, ofProduct);
    }
    ofProduct.push(index);
  });
  // NO_CODE: a product or step the rollup does not list (see the row taker below).
  const codeSql = pairs.length
    ? `CASE product_id ${[...byProduct.values()]
        .map(
          (indexes, product) =>
            `WHEN @p${product} THEN CASE test_step ${indexes
              .map((index) => `WHEN @s${index} THEN ${index * 3}`)
              .join(' ')} ELSE ${NO_CODE} END`,
        )
        .join(' ')} ELSE ${NO_CODE} END`
    : String(NO_CODE);
  const machineFilter = machinesOutsideScope(db, job, RESULTS_BY_TIME)
    ? `AND ${resultsInMachines(db, job)}`
    : '';
  const steps: StepData[] = pairs.map(([product, step]) => ({
    product,
    step,
    values: [],
    judged: 0,
    passed: 0,
  }));
  let unknownPair = false;
  takeRow(db, (code, value) => {
    const data = steps[Math.floor(code / 3)];
    // A pair the rollup does not know (it is kept in the same transaction, so this would be a
    // damaged database): read the plain way below rather than leave a result out.
    if (code < 0 || !data) {
      unknownPair = true;
      return;
    }
    data.values.push(value);
    const verdict = code % 3;
    if (verdict !== VERDICT_NO_SPEC) data.judged += 1;
    if (verdict === VERDICT_PASS) data.passed += 1;
  });
  try {
    // The subquery is a co-routine over the time index, read in its order by the aggregate
    // (tests/integration/reports/quality-figures.test.ts checks the plan: no sort).
    db.prepare(
      `SELECT count(${TAKE_ROW}(code, value)) FROM (
         SELECT ${codeSql} + unicode(verdict) % 3 AS code, measured_value AS value
         FROM test_results
         WHERE ts_ms >= @from AND ts_ms < @to ${machineFilter}
         ORDER BY ts_ms, id)`,
    )
      .raw()
      .get({ ...scopeParams(job), ...named });
  } finally {
    takeRow(db, null);
  }
  if (unknownPair) return readStepsRowByRow(db, job);
  return steps.filter((data) => data.values.length > 0).sort(byProductAndStep);
}

/**
 * The SQL function that hands each row of the scan to JavaScript: `TAKE_ROW(code, value)`.
 * It is registered on a connection once and calls whatever `takeRow` set for it last.
 */
const TAKE_ROW = 'linewatch_quality_take';
type RowTaker = ((code: number, value: number) => void) | null;
const takers = new WeakMap<Database, { take: RowTaker }>();

function takeRow(db: Database, take: RowTaker): void {
  let taker = takers.get(db);
  if (!taker) {
    const registered: { take: RowTaker } = { take: null };
    db.function(TAKE_ROW, { deterministic: false, directOnly: true }, (code, value) => {
      registered.take?.(code as number, value as number);
      return null;
    });
    takers.set(db, (taker = registered));
  }
  taker.take = take;
}

/** `unicode(verdict) % 3`: P (80) 2, F (70) 1, N (78) 0; the CHECK on the column allows no other. */
const VERDICT_PASS = 2;
const VERDICT_NO_SPEC = 0;
/** Negative whatever the verdict adds (0 to 2). */
const NO_CODE = -3;

/**
 * The product and step pairs with results in the range (and possibly a few more, from the
 * partial hours at its ends), most results first so the CASE above usually stops early.
 */
function pairsInRange(db: Database, job: ReportJob): [string, string][] {
  return db
    .prepare(
      `SELECT product_id, test_step FROM result_hours
       WHERE hour_ms >= @fromHour AND hour_ms < @to AND ${inMachines('machine_id')}
       GROUP BY product_id, test_step ORDER BY sum(results) DESC, product_id, test_step`,
    )
    .raw()
    .all({
      ...scopeParams(job),
      fromHour: Math.floor(job.fromMs / HOUR_MS) * HOUR_MS,
    }) as [string, string][];
}

/** The same, one row at a time (many pairs, or a rollup that misses one). */
export function readStepsRowByRow(db: Database, job: ReportJob): StepData[] {
  const rows = db
    .prepare(
      `SELECT product_id, test_step, measured_value, verdict FROM test_results
       WHERE ts_ms >= @from AND ts_ms < @to AND ${resultsInMachines(db, job)}
       ORDER BY ts_ms, id`,
    )
    .raw()
    // Row by row: a million rows held at once as arrays spent more time in the garbage
    // collector than in SQLite.
    .iterate(scopeParams(job)) as IterableIterator<[string, string, number, string]>;
  const byProduct = new Map<string, Map<string, StepData>>();
  for (const [product, step, value, verdict] of rows) {
    let ofProduct = byProduct.get(product);
    if (!ofProduct) byProduct.set(product, (ofProduct = new Map()));
    let data = ofProduct.get(step);
    if (!data) ofProduct.set(step, (data = { product, step, values: [], judged: 0, passed: 0 }));
    data.values.push(value);
    if (verdict !== 'NO_SPEC') data.judged += 1;
    if (verdict === 'PASS') data.passed += 1;
  }
  return [...byProduct.values()]
    .flatMap((ofProduct) => [...ofProduct.values()])
    .sort(byProductAndStep);
}

const byProductAndStep = (a: StepData, b: StepData) =>
  a.product.localeCompare(b.product) || a.step.localeCompare(b.step);
