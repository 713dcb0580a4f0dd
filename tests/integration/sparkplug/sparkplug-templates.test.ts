// A Template metric (a UDT instance: barcode, product, step, value) of a mapped device becomes
// a test result, read by the same meanings as plain metrics, through the real store on a real
// SQLite file.
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  encodePayload,
  type MetricToEncode,
} from '../../../src/backend/ingest/sparkplug/sparkplug-codec';
import { DataType } from '../../../src/backend/ingest/sparkplug/sparkplug-schema';
import type { RawMessage } from '../../../src/backend/store/ingest-messages';
import { openStoreInProcess, type StoreInProcess } from '../store/support/store-in-process';

const NOW = Date.now();
let open: StoreInProcess;

beforeEach(() => {
  open = openStoreInProcess();
  open.store.setSparkplug({ root: 'spBv1.0', hostSession: 'run-1' });
});

afterEach(() => open.close());

const message = (type: string, device: string, seq: number, metrics: MetricToEncode[]) =>
  ({
    topic: `spBv1.0/Plant/${type}/Node-T${device ? `/${device}` : ''}`,
    payload: encodePayload({ timestampMs: NOW - 60_000, seq, metrics }),
    receivedMs: NOW,
  }) satisfies RawMessage;

/** A test result as a Template instance (Ignition UDT), by alias in data. */
const result = (barcode: string, value: number | string, alias?: number): MetricToEncode => ({
  ...(alias === undefined ? { name: 'Test/Result' } : { alias }),
  datatype: DataType.Template,
  value: null,
  templateRef: 'TestResult',
  members: [
    { name: 'barcode', datatype: DataType.String, value: barcode },
    { name: 'product', datatype: DataType.String, value: 'PROD-T' },
    { name: 'step', datatype: DataType.String, value: 'torque' },
    typeof value === 'number'
      ? { name: 'value', datatype: DataType.Double, value }
      : { name: 'value', datatype: DataType.String, value },
  ],
});

it('stores a mapped Template metric as a test result; a text value is dead-lettered', () => {
  const { store, db } = open;
  store.ingestBatch([
    message('NBIRTH', '', 0, [
      { name: 'bdSeq', datatype: DataType.Int64, value: 0 },
      // A definition in the NBIRTH describes the type; it is no data.
      { name: '_types_/TestResult', datatype: DataType.Template, value: null, members: [] },
    ]),
    message('DBIRTH', 'Tester', 1, [{ ...result('', 0), alias: 7 }]),
  ]);
  const device = store
    .listSparkplugDevices()
    .find((listed) => listed.edgeNodeId === 'Node-T' && listed.deviceId === 'Tester');
  // The template's members are listed for mapping, with the meanings their names give.
  expect(device?.metrics).toEqual(
    expect.arrayContaining([
      { name: 'Test/Result/barcode', datatype: 'String', role: 'barcode' },
      { name: 'Test/Result/product', datatype: 'String', role: 'product_id' },
      { name: 'Test/Result/step', datatype: 'String', role: 'test_step' },
      { name: 'Test/Result/value', datatype: 'Double', role: 'measured_value' },
    ]),
  );
  store.mapSparkplugDevice(
    {
      groupId: 'Plant',
      edgeNodeId: 'Node-T',
      deviceId: 'Tester',
      lineId: 'T-L1',
      machineId: 'T-M1',
      roles: {},
    },
    { username: 'admin' },
    NOW,
  );

  const stored = store.ingestBatch([message('DDATA', 'Tester', 2, [result('SN-T1', 4.75, 7)])]);
  expect(stored).toMatchObject({ stored: 1, deadLettered: 0 });
  expect(
    db
      .prepare(
        'SELECT barcode, line_id, machine_id, product_id, test_step, measured_value FROM test_results',
      )
      .all(),
  ).toEqual([
    {
      barcode: 'SN-T1',
      line_id: 'T-L1',
      machine_id: 'T-M1',
      product_id: 'PROD-T',
      test_step: 'torque',
      measured_value: 4.75,
    },
  ]);

  const refused = store.ingestBatch([message('DDATA', 'Tester', 3, [result('SN-T2', 'high', 7)])]);
  expect(refused).toMatchObject({ stored: 0, deadLettered: 1 });
  expect(db.prepare('SELECT reason FROM dead_letters').pluck().all()).toEqual([
    '"Test/Result/value": a measured value must be a number',
  ]);
});
