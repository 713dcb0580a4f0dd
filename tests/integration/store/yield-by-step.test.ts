import fc from 'fast-check';
import { afterEach, expect, it } from 'vitest';
import type { YieldRow } from '../../../src/shared/contract';
import { openStoreInProcess, rawMessage, type StoreInProcess } from './support/store-in-process';

/**
 * The Quality page's yield per step (`results.yield`) against a plain computation from the
 * stored rows: first-pass yield from attempt 1, final yield from each unit's last attempt
 * (highest attempt, then newest), units counted once per step, NO_SPEC left out of both.
 */

const MINUTE = 60_000;
/** Fixed times: the figures depend only on the results, never on today's date. */
const BASE = Date.UTC(2026, 10, 22, 8, 0, 0);
const ADMIN = { username: 'admin' };

const opened: StoreInProcess[] = [];
afterEach(() => {
  for (const each of opened.splice(0)) each.close();
});

function freshStore(): StoreInProcess {
  const each = openStoreInProcess();
  opened.push(each);
  each.store.setTopicRoot('factory');
  // voltage and leak are judged (PROD-A); torque (PROD-B) has no limits: NO_SPEC.
  for (const testStep of ['voltage', 'leak']) {
    each.store.saveSpec(
      { productId: 'PROD-A', testStep, lower: 0, upper: 10, validFrom: new Date(0).toISOString() },
      ADMIN,
    );
  }
  return each;
}

const resultArbitrary = fc.record({
  machine: fc.constantFrom(['L1', 'M1'], ['L1', 'M2'], ['L2', 'M3']),
  unit: fc.integer({ min: 1, max: 6 }),
  testStep: fc.constantFrom('voltage', 'leak', 'torque'),
  value: fc.integer({ min: -2, max: 12 }),
  minute: fc.integer({ min: 0, max: 180 }),
});

interface Row {
  line_id: string;
  machine_id: string;
  product_id: string;
  test_step: string;
  barcode: string;
  attempt: number;
  ts_ms: number;
  verdict: string;
}

/** What yieldByStep should say, worked out row by row in JavaScript. */
function expectedYields(rows: Row[]): YieldRow[] {
  const steps = new Map<string, Row[]>();
  for (const row of rows) {
    const key = `${row.product_id}\u0000${row.test_step}`;
    steps.set(key, [...(steps.get(key) ?? []), row]);
  }
  return [...steps.keys()].sort().map((key) => {
    const stepRows = steps.get(key)!;
    const last = new Map<string, Row>();
    for (const row of stepRows) {
      const seen = last.get(row.barcode);
      const later =
        !seen ||
        row.attempt > seen.attempt ||
        (row.attempt === seen.attempt && row.ts_ms > seen.ts_ms);
      if (later) last.set(row.barcode, row);
    }
    const firsts = stepRows.filter((row) => row.attempt === 1 && row.verdict !== 'NO_SPEC');
    const firstGood = firsts.filter((row) => row.verdict === 'PASS').length;
    const finals = [...last.values()].filter((row) => row.verdict !== 'NO_SPEC');
    const finalGood = finals.filter((row) => row.verdict === 'PASS').length;
    return {
      productId: stepRows[0]!.product_id,
      testStep: stepRows[0]!.test_step,
      results: stepRows.length,
      units: last.size,
      firstPassTested: firsts.length,
      firstPassGood: firstGood,
      firstPassYield: firsts.length ? firstGood / firsts.length : null,
      finalYield: finals.length ? finalGood / finals.length : null,
      noSpec: stepRows.filter((row) => row.verdict === 'NO_SPEC').length,
    };
  });
}

it('yield per step equals a computation from every row, in any range, machine set and line', () => {
  fc.assert(
    fc.property(
      fc.array(resultArbitrary, { minLength: 1, maxLength: 60 }),
      fc.integer({ min: 0, max: 90 }),
      fc.integer({ min: 30, max: 200 }),
      fc.constantFrom(null, ['M1'], ['M1', 'M3'], [] as string[]),
      fc.constantFrom(undefined, 'L1', 'L2'),
      (records, fromMinute, spanMinutes, machines, lineId) => {
        const each = freshStore();
        const messages = records.map((record) => {
          const [line, machine] = record.machine as [string, string];
          return rawMessage(
            line,
            machine,
            'test',
            {
              barcode: `SN-${record.unit}`,
              machine_id: machine,
              product_id: record.testStep === 'torque' ? 'PROD-B' : 'PROD-A',
              test_step: record.testStep,
              measured_value: record.value,
              timestamp: new Date(BASE + record.minute * MINUTE).toISOString(),
            },
            BASE + 300 * MINUTE,
          );
        });
        each.store.ingestBatch(messages);
        const fromMs = BASE + fromMinute * MINUTE;
        const toMs = fromMs + spanMinutes * MINUTE;
        const rows = (
          each.db
            .prepare(
              `SELECT line_id, machine_id, product_id, test_step, barcode, attempt, ts_ms, verdict
               FROM test_results WHERE ts_ms >= ? AND ts_ms < ?`,
            )
            .all(fromMs, toMs) as Row[]
        ).filter(
          (row) =>
            (machines === null || machines.includes(row.machine_id)) &&
            (lineId === undefined || row.line_id === lineId),
        );
        expect(each.store.yieldByStep(fromMs, toMs, machines, lineId)).toEqual(
          expectedYields(rows),
        );
        each.close();
        opened.splice(opened.indexOf(each), 1);
      },
    ),
    { numRuns: 150 },
  );
});
