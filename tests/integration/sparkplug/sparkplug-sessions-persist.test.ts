// Edge-node sessions live in SQLite beside the data they decoded (migration 0019): a store
// process that dies after a commit comes back reading the next NDATA/DDATA with the same
// aliases, seq and remembered barcode/product/step; a new backend run (host session) does not.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  encodePayload,
  type MetricToEncode,
} from '../../../src/backend/ingest/sparkplug/sparkplug-codec';
import { DataType } from '../../../src/backend/ingest/sparkplug/sparkplug-schema';
import { openDatabase } from '../../../src/backend/store/open-database';
import { createStore, type Store } from '../../../src/backend/store/store';
import type { RawMessage } from '../../../src/backend/store/ingest-messages';

const MIGRATIONS_DIR = join(process.cwd(), 'src/backend/store/migrations');
/** The store falls back to the system clock in-process: the messages are stamped just before. */
const NOW = Date.now();

let dir: string;
const open: Database[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linewatch-spb-sessions-'));
});

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A store as a (re)started store process has it: a new connection to the same file. */
function startStore(hostSession: string): { store: Store; db: Database } {
  const { db } = openDatabase(join(dir, 'linewatch.sqlite'), MIGRATIONS_DIR);
  open.push(db);
  const store = createStore(db, () => undefined);
  store.setSparkplug({ root: 'spBv1.0', hostSession });
  return { store, db };
}

const message = (
  type: string,
  device: string,
  seq: number,
  metrics: MetricToEncode[],
  at = NOW - 60_000,
): RawMessage => ({
  topic: `spBv1.0/Plant/${type}/Node-P${device ? `/${device}` : ''}`,
  payload: encodePayload({ timestampMs: at, seq, metrics }),
  receivedMs: NOW,
});

const BIRTH: MetricToEncode[] = [
  { name: 'Test/Barcode', alias: 11, datatype: DataType.String, value: '' },
  { name: 'Test/Product', alias: 12, datatype: DataType.String, value: '' },
  { name: 'Test/Step', alias: 13, datatype: DataType.String, value: '' },
  { name: 'Test/Value', alias: 14, datatype: DataType.Double, value: 0 },
  { name: 'Sensors/Temperature', alias: 15, datatype: DataType.Double, value: 60 },
];

/** Births, a mapping, and a DDATA that sets barcode, product and step (by alias), committed. */
function firstRun(store: Store): void {
  store.ingestBatch([
    message('NBIRTH', '', 0, [{ name: 'bdSeq', datatype: DataType.Int64, value: 4 }]),
    message('DBIRTH', 'Station', 1, BIRTH),
  ]);
  const mapped = store.mapSparkplugDevice(
    {
      groupId: 'Plant',
      edgeNodeId: 'Node-P',
      deviceId: 'Station',
      lineId: 'P-L1',
      machineId: 'P-M1',
      roles: {},
    },
    { username: 'admin' },
    NOW,
  );
  expect(mapped).not.toHaveProperty('refused');
  const summary = store.ingestBatch([
    message('DDATA', 'Station', 2, [
      { alias: 11, datatype: DataType.String, value: 'SN-P1' },
      { alias: 12, datatype: DataType.String, value: 'PROD-P' },
      { alias: 13, datatype: DataType.String, value: 'leak' },
    ]),
  ]);
  expect(summary.deadLettered).toBe(0);
}

const valueMessage = (seq: number) =>
  message(
    'DDATA',
    'Station',
    seq,
    [
      { alias: 14, datatype: DataType.Double, value: 2.5 },
      { alias: 15, datatype: DataType.Double, value: 66 },
    ],
    NOW - 30_000,
  );

it('a restarted store process reads data by the aliases, seq and fields the dead one committed', () => {
  const first = startStore('run-1');
  firstRun(first.store);
  first.db.close(); // as a kill -9 leaves it: what was committed, nothing else

  const second = startStore('run-1');
  const summary = second.store.ingestBatch([valueMessage(3)]);
  expect(summary).toMatchObject({ stored: 1, deadLettered: 0 });
  expect(summary.rebirths).toBeUndefined();
  const result = second.db
    .prepare('SELECT barcode, product_id, test_step, measured_value FROM test_results')
    .all();
  expect(result).toEqual([
    { barcode: 'SN-P1', product_id: 'PROD-P', test_step: 'leak', measured_value: 2.5 },
  ]);
  expect(second.db.prepare('SELECT COUNT(*) FROM sparkplug_gaps').pluck().get()).toBe(0);
  // The same message again (the ack did not reach the broker): stored once.
  second.store.ingestBatch([valueMessage(3)]);
  expect(second.db.prepare('SELECT COUNT(*) FROM test_results').pluck().get()).toBe(1);
});

it('a failed batch leaves nothing of the sessions behind: the retried batch reads the same', () => {
  const first = startStore('run-1');
  firstRun(first.store);
  // A batch that fails inside its transaction (a trigger refuses its temperature row).
  first.db.exec(`CREATE TEMP TRIGGER refuse BEFORE INSERT ON telemetry_samples
    BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
  expect(() =>
    first.store.ingestBatch([
      message('DDATA', 'Station', 3, [{ alias: 11, datatype: DataType.String, value: 'SN-X' }]),
      valueMessage(4),
    ]),
  ).toThrow(/disk full/);
  first.db.close();

  const second = startStore('run-1');
  const summary = second.store.ingestBatch([valueMessage(3)]);
  expect(summary).toMatchObject({ stored: 1, deadLettered: 0 });
  expect(summary.rebirths).toBeUndefined();
  expect(second.db.prepare('SELECT barcode FROM test_results').pluck().all()).toEqual(['SN-P1']);
});

it('a new backend run drops the sessions of an earlier one and asks for rebirths', () => {
  const first = startStore('run-1');
  firstRun(first.store);
  first.db.close();

  const next = startStore('run-2');
  const summary = next.store.ingestBatch([valueMessage(3)]);
  expect(summary).toMatchObject({ stored: 0, deadLettered: 1 });
  expect(summary.rebirths).toEqual([{ groupId: 'Plant', edgeNodeId: 'Node-P' }]);
  expect(next.db.prepare('SELECT COUNT(*) FROM sparkplug_sessions').pluck().get()).toBe(0);
  expect(next.db.prepare('SELECT COUNT(*) FROM sparkplug_certificates').pluck().get()).toBe(0);
  expect(next.db.prepare('SELECT COUNT(*) FROM sparkplug_remembered').pluck().get()).toBe(0);
});
