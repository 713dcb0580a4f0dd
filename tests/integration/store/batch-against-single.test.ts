import { afterEach, describe, expect, it } from 'vitest';
import type { RawMessage } from '../../../src/backend/store/ingest-messages';
import { openStoreInProcess, rawMessage, type StoreInProcess } from './support/store-in-process';

const AT = Date.UTC(2026, 10, 22, 10, 0, 0);
const MACHINES = ['M00', 'M01', 'M02', 'M03'];

/**
 * A batch of test results must store what one message a batch stores (each result written
 * and its rules run before the next comes): the same rows and ids, the same redeliveries
 * dropped (within the batch too), the same attempts, rollups, alerts and events, and each
 * reported result carries its own row's id. A guard for changes to how a batch writes its
 * results (rows written several to a statement were tried: see README, Speed).
 */
describe('test results of one batch against one message a batch', () => {
  const opened: StoreInProcess[] = [];
  afterEach(() => {
    for (const each of opened.splice(0)) each.close();
  });

  const storeWithSpec = () => {
    const opened1 = openStoreInProcess();
    opened.push(opened1);
    opened1.store.setTopicRoot('factory');
    opened1.store.saveSpec(
      {
        productId: 'P',
        testStep: 'voltage',
        lower: 80,
        upper: 89,
        validFrom: new Date(AT - 86_400_000).toISOString(),
      },
      { username: 'test' },
    );
    return opened1;
  };

  /** 230 messages: results in stamp order, with redeliveries, a shared stamp and a retest. */
  const messages = (): RawMessage[] => {
    let seed = 5;
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const list: RawMessage[] = [];
    const result = (index: number, machineId: string, extra: Record<string, unknown> = {}) =>
      rawMessage(
        'L1',
        machineId,
        'test',
        {
          barcode: `U-${index}`,
          machine_id: machineId,
          product_id: 'P',
          test_step: 'voltage',
          // About a third FAIL, in runs, so the FAIL-rate condition comes and goes.
          measured_value: random() < (Math.floor(index / 40) % 2 ? 0.6 : 0.1) ? 95 : 85,
          timestamp: AT + index * 10,
          ...extra,
        },
        AT + index * 10 + 5,
      );
    for (let index = 0; index < 200; index += 1) {
      list.push(result(index, MACHINES[index % 4]!));
      // A redelivery of a result written a while ago, and of one held a moment ago.
      if (index === 70) list.push(result(10, MACHINES[10 % 4]!));
      if (index === 61) list.push(result(61, MACHINES[61 % 4]!));
      // The same unit, step and stamp on another machine: a result of its own.
      if (index === 80) list.push(result(80, 'M09'));
      // A retest of an earlier unit, stamped now: attempt 2.
      if (index === 120) list.push({ ...result(3, MACHINES[3]!), receivedMs: AT + 1205 });
      // A message id, and another unit under the same id: a redelivery by its id.
      if (index === 150 || index === 151) {
        list.push(result(index, 'M09', { barcode: `U-ID-${index}`, message_id: 'id-150' }));
      }
    }
    // The retest above carries unit 3's own stamp: a redelivery, not a retest. A real one:
    list.push(
      rawMessage(
        'L1',
        'M03',
        'test',
        {
          barcode: 'U-3',
          machine_id: 'M03',
          product_id: 'P',
          test_step: 'voltage',
          measured_value: 95,
          timestamp: AT + 5000,
        },
        AT + 5005,
      ),
    );
    return list;
  };

  const tableOf = (each: StoreInProcess) => ({
    results: each.db
      .prepare(
        `SELECT id, machine_id, barcode, ts_ms, verdict, attempt, message_id FROM test_results
         ORDER BY id`,
      )
      .all(),
    alerts: each.db
      .prepare('SELECT condition_key, state, value, raise_count, message FROM alerts ORDER BY id')
      .all() as { condition_key: string }[],
    conditions: each.db
      .prepare(
        'SELECT condition_key, active, pending_since_ms FROM alert_conditions ORDER BY condition_key',
      )
      .all(),
    events: each.db.prepare('SELECT type, message FROM events ORDER BY id').all(),
    unitHours: each.db
      .prepare('SELECT * FROM unit_hours ORDER BY hour_ms, machine_id, barcode')
      .all(),
  });

  it('stores what one message a batch stores, and reports each result with its row id', () => {
    const together = storeWithSpec();
    const alone = storeWithSpec();
    const all = messages();
    const summary = together.store.ingestBatch(all);
    let storedAlone = 0;
    let duplicatesAlone = 0;
    for (const message of all) {
      const one = alone.store.ingestBatch([message]);
      storedAlone += one.stored;
      duplicatesAlone += one.duplicates;
    }
    expect(summary.stored).toBe(storedAlone);
    expect(summary.duplicates).toBe(duplicatesAlone);
    // The redeliveries of results 10 and 61, the copy of unit 3 and the second 'id-150'.
    expect(summary.duplicates).toBe(4);
    expect(summary.stored).toBe(all.length - 4);
    const tableTogether = tableOf(together);
    expect(tableTogether).toEqual(tableOf(alone));
    // The FAIL-rate condition was raised on the way (the comparison above is not empty).
    expect(tableTogether.alerts.some((alert) => alert.condition_key.startsWith('fail_rate:'))).toBe(
      true,
    );
    const rowOf = together.db.prepare(
      `SELECT id, attempt FROM test_results
       WHERE barcode = ? AND test_step = ? AND ts_ms = ? AND machine_id = ?`,
    );
    let lastId = 0;
    for (const reported of summary.results) {
      const row = rowOf.get(
        reported.barcode,
        reported.testStep,
        Date.parse(reported.at),
        reported.machineId,
      ) as { id: number; attempt: number };
      expect(reported.id).toBe(row.id);
      expect(reported.attempt).toBe(row.attempt);
      expect(reported.id).toBeGreaterThan(lastId);
      lastId = reported.id;
    }
    expect(summary.results).toHaveLength(summary.stored);
  });

  it('gives the same across batches cut anywhere, and drops a batch redelivered whole', () => {
    const together = storeWithSpec();
    const alone = storeWithSpec();
    const all = messages();
    const cuts = [0, 1, 49, 50, 51, 99, 137, 180, all.length];
    for (let at = 1; at < cuts.length; at += 1) {
      together.store.ingestBatch(all.slice(cuts[at - 1], cuts[at]));
    }
    for (const message of all) alone.store.ingestBatch([message]);
    const redelivered = together.store.ingestBatch(all.slice(0, 120));
    expect(redelivered.stored).toBe(0);
    expect(redelivered.duplicates).toBe(120);
    expect(tableOf(together)).toEqual(tableOf(alone));
  });
});
