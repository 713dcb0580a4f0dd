import { afterEach, describe, expect, it } from 'vitest';
import { qualityReport } from '../../../src/backend/reports/data/quality-report';
import { readSteps, readStepsRowByRow } from '../../../src/backend/reports/data/quality-steps';
import {
  machinesOutsideScope,
  RESULTS_BY_TIME,
} from '../../../src/backend/reports/data/report-scope-sql';
import type { ReportJob } from '../../../src/backend/reports/report-job';
import { defaultBinCount, histogram, individualsStats } from '../../../src/shared/spc';
import { createPrng } from '../../../simulator/model/prng';
import {
  openStoreInProcess,
  rawMessage,
  type StoreInProcess,
} from '../store/support/store-in-process';

/**
 * The quality report reads each step's values as two JSON arrays through the time index
 * (quality-steps.ts) instead of a row at a time: its figures must be those computed directly
 * from the published results, in time order, whatever order they arrived in.
 */

const MINUTE = 60_000;
/** Fixed times: the figures depend only on the results, never on today's date. */
const FROM = Date.UTC(2026, 10, 22, 6, 0, 0);
const TO = FROM + 8 * 60 * MINUTE;
const MACHINES = [
  { lineId: 'L1', machineId: 'M1' },
  { lineId: 'L1', machineId: 'M2' },
  { lineId: 'L2', machineId: 'M3' },
];
const PAIRS = [
  { product: 'PROD-A', step: 'voltage', nominal: 5, lower: 2, upper: 8 },
  { product: 'PROD-A', step: 'leak', nominal: 0.4, lower: null, upper: 1 },
  // No spec: every result NO_SPEC, not judged.
  { product: 'PROD-B', step: 'torque', nominal: 12, lower: null, upper: null },
];

interface Published {
  machineId: string;
  product: string;
  step: string;
  value: number;
  tsMs: number;
  verdict: 'PASS' | 'FAIL' | 'NO_SPEC';
}

const opened: StoreInProcess[] = [];
afterEach(() => {
  for (const each of opened.splice(0)) each.close();
});

/** 1,500 results over 8 hours (some outside the range), sent in shuffled order. */
function seed(): { each: StoreInProcess; published: Published[] } {
  const each = openStoreInProcess();
  opened.push(each);
  const { store } = each;
  store.setTopicRoot('factory');
  for (const pair of PAIRS) {
    if (pair.lower === null && pair.upper === null) continue;
    store.saveSpec(
      {
        productId: pair.product,
        testStep: pair.step,
        lower: pair.lower,
        upper: pair.upper,
        validFrom: new Date(0).toISOString(),
      },
      { username: 'admin' },
    );
  }
  const prng = createPrng(15);
  const published: Published[] = [];
  for (let index = 0; index < 1_500; index += 1) {
    const machine = MACHINES[index % MACHINES.length]!;
    const pair = PAIRS[Math.floor(prng.next() * PAIRS.length)]!;
    // Several results share a timestamp (ties go by storage order), a few fall outside.
    const tsMs = FROM - 20 * MINUTE + Math.floor(index / 3) * 20_000;
    const value = Math.round(prng.normal(pair.nominal, pair.nominal / 4) * 1000) / 1000;
    const judged = pair.lower !== null || pair.upper !== null;
    const pass =
      (pair.lower === null || value >= pair.lower) && (pair.upper === null || value <= pair.upper);
    published.push({
      machineId: machine.machineId,
      product: pair.product,
      step: pair.step,
      value,
      tsMs,
      verdict: judged ? (pass ? 'PASS' : 'FAIL') : 'NO_SPEC',
    });
  }
  const order = published.map((_, index) => index);
  for (let index = order.length - 1; index > 0; index -= 1) {
    const other = Math.floor(prng.next() * (index + 1));
    [order[index], order[other]] = [order[other]!, order[index]!];
  }
  for (let start = 0; start < order.length; start += 100) {
    store.ingestBatch(
      order.slice(start, start + 100).map((index) => {
        const result = published[index]!;
        const machine = MACHINES.find((one) => one.machineId === result.machineId)!;
        return rawMessage(
          machine.lineId,
          machine.machineId,
          'test',
          {
            barcode: `SN-${index}`,
            machine_id: result.machineId,
            product_id: result.product,
            test_step: result.step,
            measured_value: result.value,
            timestamp: new Date(result.tsMs).toISOString(),
          },
          TO,
        );
      }),
    );
  }
  // Ties in time are read in storage order: the id each result was stored under.
  const idOf = new Map(
    (
      each.db.prepare('SELECT id, barcode FROM test_results').all() as {
        id: number;
        barcode: string;
      }[]
    ).map((row) => [Number(row.barcode.slice(3)), row.id]),
  );
  const withIds = published.map((result, index) => ({ result, id: idOf.get(index)! }));
  withIds.sort((a, b) => a.result.tsMs - b.result.tsMs || a.id - b.id);
  return { each, published: withIds.map((one) => one.result) };
}

/** The SQL of every statement the database prepares from now on. */
function watchStatements(each: StoreInProcess): string[] {
  const prepared: string[] = [];
  const prepare = each.db.prepare.bind(each.db);
  each.db.prepare = (sql: string) => {
    prepared.push(sql);
    return prepare(sql);
  };
  return prepared;
}
/** The scan of readSteps: every result of the range handed to JavaScript in one statement. */
const TAKE_ROW_SQL = 'linewatch_quality_take(code, value)';
const ROW_BY_ROW = /SELECT product_id, test_step, measured_value, verdict FROM test_results/;
const MACHINE_FILTER = /machine_id IN \(SELECT value FROM json_each\(@machines\)\)/;

function jobFor(machineIds: string[]): ReportJob {
  return {
    type: 'quality',
    fromMs: FROM,
    toMs: TO,
    scope: {
      kind: 'plant',
      lineId: null,
      machineId: null,
      label: 'Plant',
      machineIds,
      simulated: { included: false, count: 0 },
    },
    visibleLineIds: null,
    plantName: 'test',
    generatedBy: 'test',
    generatedAtMs: TO,
    reportId: 'test',
    shifts: [],
    timeZone: 'UTC',
    render: { html: false, paper: 'A4' },
  };
}

/** What the report must say per product and step, from the published results alone. */
function expected(published: Published[], machineIds: string[]) {
  const inRange = published.filter(
    (one) => one.tsMs >= FROM && one.tsMs < TO && machineIds.includes(one.machineId),
  );
  return PAIRS.map((pair) => {
    const results = inRange.filter((one) => one.product === pair.product && one.step === pair.step);
    const values = results.map((one) => one.value);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const sd = Math.sqrt(
      values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1),
    );
    const limits = [pair.lower, pair.upper].filter((limit): limit is number => limit !== null);
    return {
      product: pair.product,
      step: pair.step,
      count: values.length,
      judged: results.filter((one) => one.verdict !== 'NO_SPEC').length,
      passed: results.filter((one) => one.verdict === 'PASS').length,
      mean,
      sd,
      sigma: individualsStats(values)!.sigma,
      bins: histogram(values, defaultBinCount(values.length), limits).map((bin) => bin.count),
      values,
      lastValues: values.slice(-200),
    };
  })
    .filter((one) => one.count > 0)
    .sort((a, b) => a.product.localeCompare(b.product) || a.step.localeCompare(b.step));
}

describe('quality report figures', () => {
  it.each([
    ['the whole plant', ['M1', 'M2', 'M3']],
    ['one line', ['M1', 'M2']],
  ])('are the ones computed from the published results (%s)', (_label, machineIds) => {
    const { each, published } = seed();
    const want = expected(published, machineIds);
    expect(want.reduce((sum, one) => sum + one.count, 0)).toBeGreaterThan(500);

    const prepared = watchStatements(each);
    const steps = readSteps(each.db, jobFor(machineIds));
    // One scan handing each row to JavaScript as two numbers, not a row of strings at a time.
    const scan = prepared.find((sql) => sql.includes(TAKE_ROW_SQL));
    expect(scan).toBeDefined();
    expect(prepared.some((sql) => ROW_BY_ROW.test(sql))).toBe(false);
    // Every machine with results is in the plant's scope: no machine test per row. One line
    // leaves M3 out, whose results are in the range: filtered.
    expect(MACHINE_FILTER.test(scan!)).toBe(machineIds.length < MACHINES.length);
    expect(steps.map((one) => [one.product, one.step, one.judged, one.passed])).toEqual(
      want.map((one) => [one.product, one.step, one.judged, one.passed]),
    );
    // The same values in the same (time, then storage) order: the same doubles.
    steps.forEach((one, index) => expect(one.values).toEqual(want[index]!.values));
    expect(steps).toEqual(readStepsRowByRow(each.db, jobFor(machineIds)));

    const report = qualityReport(each.db, jobFor(machineIds));
    const rows = report.sections[0]!.tables[0]!.rows;
    expect(rows.map((row) => row.slice(0, 5))).toEqual(
      want.map((one) => [one.product, one.step, one.count, one.judged, one.passed]),
    );
    // Exactly: the same doubles added in the same order.
    rows.forEach((row, index) => {
      const one = want[index]!;
      expect(row[6]).toBe(one.mean);
      expect(row[7]).toBe(one.sd);
    });
    want.forEach((one, index) => {
      const section = report.sections[index + 1]!;
      expect(section.title).toBe(`${one.product} / ${one.step}`);
      const chart = (kind: string) => section.charts.find((each) => each.kind === kind);
      const bins = chart('histogram');
      expect(bins?.kind === 'histogram' && bins.bins.map((bin) => bin.count)).toEqual(one.bins);
      const individuals = chart('individuals');
      expect(individuals?.kind === 'individuals' && individuals.values).toEqual(one.lastValues);
      expect(individuals?.kind === 'individuals' && individuals.upperControl).toBe(
        individualsStats(one.values)!.upperControl,
      );
      expect(individuals?.kind === 'individuals' && individuals.lowerControl).toBe(
        individualsStats(one.values)!.lowerControl,
      );
    });
  });

  it('skips the machine test only when no machine outside the scope has results in the range', () => {
    const { each, published } = seed();
    // M4 (line L3) tested before the range only, M5 (line L3) inside it.
    const late = (machineId: string, tsMs: number, index: number) =>
      rawMessage(
        'L3',
        machineId,
        'test',
        {
          barcode: `SN-X${index}`,
          machine_id: machineId,
          product_id: 'PROD-A',
          test_step: 'voltage',
          measured_value: 99 + index,
          timestamp: new Date(tsMs).toISOString(),
        },
        TO,
      );
    each.store.ingestBatch([late('M4', FROM - MINUTE, 1), late('M4', TO, 2)]);
    const three = ['M1', 'M2', 'M3'];
    expect(machinesOutsideScope(each.db, jobFor(three), RESULTS_BY_TIME)).toBe(false);
    let prepared = watchStatements(each);
    let steps = readSteps(each.db, jobFor(three));
    expect(MACHINE_FILTER.test(prepared.find((sql) => sql.includes(TAKE_ROW_SQL))!)).toBe(false);
    expect(steps.map((one) => one.values)).toEqual(
      expected(published, three).map((one) => one.values),
    );

    each.store.ingestBatch([late('M5', FROM + MINUTE, 3)]);
    expect(machinesOutsideScope(each.db, jobFor(three), RESULTS_BY_TIME)).toBe(true);
    prepared = watchStatements(each);
    steps = readSteps(each.db, jobFor(three));
    expect(MACHINE_FILTER.test(prepared.find((sql) => sql.includes(TAKE_ROW_SQL))!)).toBe(true);
    // M5's value (102) is not the reader's.
    expect(steps.map((one) => one.values)).toEqual(
      expected(published, three).map((one) => one.values),
    );
    expect(machinesOutsideScope(each.db, jobFor([...three, 'M5']), RESULTS_BY_TIME)).toBe(false);
  });

  it('walks the indexes: no sort and no scan of the whole table', () => {
    const { each } = seed();
    const prepared = watchStatements(each);
    readSteps(each.db, jobFor(['M1', 'M2']));
    const params: Record<string, unknown> = {
      machines: '["M1"]',
      lines: '[]',
      allLines: 0,
      from: FROM,
      to: TO,
      fromHour: FROM,
    };
    for (let index = 0; index < 10; index += 1) params[`p${index}`] = params[`s${index}`] = 'x';
    const plans = prepared.map((sql) =>
      (each.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[])
        .map((row) => row.detail)
        .join('\n'),
    );
    expect(plans.length).toBeGreaterThanOrEqual(3);
    // The rollup's few rows may be sorted; the results never.
    for (const plan of plans.filter((one) => one.includes('test_results'))) {
      expect(plan).not.toMatch(/TEMP B-TREE FOR ORDER BY|SCAN test_results(?! USING)/);
    }
    // The machines with results: seeks on the (machine, time) index.
    expect(plans.join('\n')).toMatch(
      /SEARCH test_results USING COVERING INDEX test_results_by_machine \(machine_id>\?\)/,
    );
    expect(plans.join('\n')).toMatch(/SEARCH test_results USING INDEX test_results_by_time/);
  });

  it('reads the plain way when the hourly rollup misses a product and step', () => {
    const { each, published } = seed();
    const all = ['M1', 'M2', 'M3'];
    each.db.prepare("DELETE FROM result_hours WHERE test_step = 'leak'").run();
    const prepared = watchStatements(each);
    const steps = readSteps(each.db, jobFor(all));
    expect(prepared.some((sql) => ROW_BY_ROW.test(sql))).toBe(true);
    expect(steps.map((one) => [one.product, one.step, one.values.length])).toEqual(
      expected(published, all).map((one) => [one.product, one.step, one.count]),
    );
  });
});
