import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { OeeStore } from '../../../src/backend/store/oee-store';
import { shiftReport } from '../../../src/backend/reports/data/shift-report';
import type { ReportJob } from '../../../src/backend/reports/report-job';
import type { RawMessage } from '../../../src/backend/store/ingest-messages';
import type { Report } from '../../../src/shared/contract';
import { cellsOf, tableOf } from '../reports/support/report-reading';
import { openStoreInProcess, rawMessage, type StoreInProcess } from './support/store-in-process';

/**
 * Attempts, and every figure built on them, follow timestamps, not arrival order: a backlog
 * replayed by a broker after an outage arrives in any order (issue 12, "Numbers" 1).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Fixed times: the figures depend only on the results, never on today's date. */
const BASE = Date.UTC(2026, 10, 22, 8, 0, 0);
const RECEIVED = BASE + 12 * HOUR;
const ADMIN = { username: 'admin' };

const opened: StoreInProcess[] = [];
afterEach(() => {
  for (const each of opened.splice(0)) each.close();
});

function freshStore(): StoreInProcess {
  const each = openStoreInProcess();
  opened.push(each);
  const { store } = each;
  store.setTopicRoot('factory');
  for (const testStep of ['voltage', 'leak']) {
    store.saveSpec(
      { productId: 'PROD-A', testStep, lower: 0, upper: 10, validFrom: new Date(0).toISOString() },
      ADMIN,
    );
  }
  return each;
}

interface Result {
  lineId: string;
  machineId: string;
  barcode: string;
  productId: string;
  testStep: string;
  value: number;
  tsMs: number;
}

const messageOf = (result: Result): RawMessage =>
  rawMessage(
    result.lineId,
    result.machineId,
    'test',
    {
      barcode: result.barcode,
      machine_id: result.machineId,
      product_id: result.productId,
      test_step: result.testStep,
      measured_value: result.value,
      timestamp: new Date(result.tsMs).toISOString(),
    },
    RECEIVED,
  );

describe('retests are numbered by timestamp', () => {
  it('a result stamped 10:00 arriving after one stamped 10:05 is attempt 1, and yield counts it', () => {
    const { store } = freshStore();
    const at = (hh: number, mm: number) => Date.UTC(2026, 10, 22, hh, mm);
    const result = (tsMs: number, value: number): Result => ({
      lineId: 'L1',
      machineId: 'M1',
      barcode: 'SN-LATE',
      productId: 'PROD-A',
      testStep: 'voltage',
      value,
      tsMs,
    });
    store.ingestBatch([messageOf(result(at(10, 5), 5))]);
    store.ingestBatch([messageOf(result(at(10, 0), 12))]);

    const { results } = store.listResults({ barcode: 'SN-LATE', limit: 10 }, { all: true });
    const attemptAt = Object.fromEntries(results.map((r) => [r.at, r.attempt]));
    expect(attemptAt).toEqual({
      [new Date(at(10, 0)).toISOString()]: 1,
      [new Date(at(10, 5)).toISOString()]: 2,
    });
    const [row] = store.yieldByStep(at(9, 0), at(11, 0), null);
    expect(row).toMatchObject({ firstPassTested: 1, firstPassGood: 0 });
  });
});

/** Several units, two steps with limits and one without, three machines on two lines. */
const resultArbitrary = fc.record({
  machine: fc.constantFrom(['L1', 'M1'], ['L1', 'M2'], ['L2', 'M3']),
  unit: fc.integer({ min: 1, max: 5 }),
  testStep: fc.constantFrom('voltage', 'leak', 'torque'),
  value: fc.integer({ min: -2, max: 12 }),
  // Minutes over four hours, so retests straddle hour boundaries; repeats make equal stamps.
  minute: fc.integer({ min: 0, max: 4 * 60 - 1 }),
});

type Generated = typeof resultArbitrary extends fc.Arbitrary<infer T> ? T : never;

function toResults(records: Generated[]): Result[] {
  const byKey = new Map<string, Result>();
  for (const record of records) {
    const [lineId, machineId] = record.machine as [string, string];
    const result = {
      lineId,
      machineId,
      barcode: `SN-${record.unit}`,
      productId: record.testStep === 'torque' ? 'PROD-B' : 'PROD-A',
      testStep: record.testStep,
      value: record.value,
      tsMs: BASE + record.minute * MINUTE,
    };
    // The same machine, unit, step and time is one message (a redelivery): keep the first.
    const key = `${machineId}|${result.barcode}|${result.testStep}|${result.tsMs}`;
    if (!byKey.has(key)) byKey.set(key, result);
  }
  return [...byKey.values()];
}

/** Everything built on attempts, read back from the store. */
function figuresOf({ store, db }: StoreInProcess) {
  // Partial hours at both ends: whole hours come from the rollups, the ends from raw results.
  const fromMs = BASE + 17 * MINUTE;
  const toMs = BASE + 3 * HOUR + 43 * MINUTE;
  const attempts = db
    .prepare(
      `SELECT machine_id, barcode, test_step, ts_ms, attempt FROM test_results
       ORDER BY machine_id, barcode, test_step, ts_ms`,
    )
    .all();
  const quality = new OeeStore(db)
    .hourFigures(fromMs, toMs, null, toMs)
    .map((hour) => [hour.machineId, hour.hourStartMs, hour.firstPassTested, hour.firstPassGood])
    .sort();
  const job: ReportJob = {
    type: 'shift',
    fromMs,
    toMs,
    scope: {
      kind: 'plant',
      lineId: null,
      machineId: null,
      label: 'Plant',
      machineIds: ['M1', 'M2', 'M3'],
      simulated: { included: false, count: 0 },
    },
    visibleLineIds: null,
    plantName: 'test',
    generatedBy: 'test',
    generatedAtMs: toMs,
    reportId: 'test',
    shifts: [{ name: 'Day', start: '06:00' }],
    timeZone: 'UTC',
    render: { html: false, paper: 'A4' },
  };
  const report = shiftReport(db, job);
  const figure = (key: string) => report.figures.find((each) => each.key === key);
  return {
    attempts,
    yields: store.yieldByStep(fromMs, toMs, null),
    quality,
    firstPassYield: [figure('firstPassYield')?.value, figure('firstPassYield')?.note],
    unitsTested: figure('unitsTested')?.value,
    topFailingSteps: cellsOf(
      tableOf({ ...report, meta: null } as unknown as Report, 'top-failing-steps'),
    ),
  };
}

/** The rollups must equal a count of the results, whatever was renumbered. */
function rollupsMatchResults({ db }: StoreInProcess): void {
  const resultHours = `SELECT machine_id, hour_ms, product_id, test_step, results, passed, failed,
      first_judged, first_passed, first_failed FROM result_hours
    WHERE results > 0 ORDER BY 1, 2, 3, 4`;
  const direct = `SELECT machine_id, (ts_ms / ${HOUR}) * ${HOUR} AS hour_ms, product_id, test_step,
      count(*) AS results, sum(verdict = 'PASS') AS passed, sum(verdict = 'FAIL') AS failed,
      sum(attempt = 1 AND verdict <> 'NO_SPEC') AS first_judged,
      sum(attempt = 1 AND verdict = 'PASS') AS first_passed,
      sum(attempt = 1 AND verdict = 'FAIL') AS first_failed
    FROM test_results GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;
  expect(db.prepare(resultHours).all()).toEqual(db.prepare(direct).all());
  const unitHours = `SELECT hour_ms, machine_id, barcode, results, first_judged, first_failed
    FROM unit_hours ORDER BY 1, 2, 3`;
  const directUnits = `SELECT (ts_ms / ${HOUR}) * ${HOUR} AS hour_ms, machine_id, barcode,
      count(*) AS results, sum(attempt = 1 AND verdict <> 'NO_SPEC') AS first_judged,
      sum(attempt = 1 AND verdict = 'FAIL') AS first_failed
    FROM test_results GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
  expect(db.prepare(unitHours).all()).toEqual(db.prepare(directUnits).all());
}

const byKey = (
  a: { machine_id: string; barcode: string; test_step: string; ts_ms: number },
  b: { machine_id: string; barcode: string; test_step: string; ts_ms: number },
): number => {
  for (const key of ['machine_id', 'barcode', 'test_step'] as const) {
    if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1;
  }
  return a.ts_ms - b.ts_ms;
};

/** Splits messages into consecutive batches at the given cut points. */
function batches(messages: RawMessage[], cuts: number[]): RawMessage[][] {
  const points = [...new Set(cuts.map((cut) => cut % (messages.length + 1)))].sort((a, b) => a - b);
  const out: RawMessage[][] = [];
  let start = 0;
  for (const point of [...points, messages.length]) {
    if (point > start) out.push(messages.slice(start, point));
    start = Math.max(start, point);
  }
  return out;
}

it('any arrival order of the same results gives the same attempts, yields, OEE quality and shift report', () => {
  fc.assert(
    fc.property(
      fc
        .array(resultArbitrary, { minLength: 1, maxLength: 40 })
        .map(toResults)
        .chain((results) =>
          fc.tuple(
            fc.constant(results),
            fc.shuffledSubarray(results, { minLength: results.length }),
            fc.array(fc.nat(), { maxLength: 4 }),
          ),
        ),
      ([results, shuffled, cuts]) => {
        const inOrder = freshStore();
        const byTime = [...results].sort((a, b) => a.tsMs - b.tsMs);
        inOrder.store.ingestBatch(byTime.map(messageOf));
        const replayed = freshStore();
        for (const batch of batches(shuffled.map(messageOf), cuts)) {
          replayed.store.ingestBatch(batch);
        }
        const expected = figuresOf(inOrder);
        expect(figuresOf(replayed)).toEqual(expected);
        rollupsMatchResults(replayed);
        // Attempts are 1 + the results of the unit at the step stamped earlier.
        const earlier = (r: Result) =>
          results.filter(
            (o) => o.barcode === r.barcode && o.testStep === r.testStep && o.tsMs < r.tsMs,
          ).length;
        const want = results
          .map((r) => ({
            machine_id: r.machineId,
            barcode: r.barcode,
            test_step: r.testStep,
            ts_ms: r.tsMs,
            attempt: earlier(r) + 1,
          }))
          .sort(byKey);
        expect([...(expected.attempts as typeof want)].sort(byKey)).toEqual(want);
        for (const each of opened.splice(0)) each.close();
      },
    ),
    { numRuns: 60 },
  );
});
