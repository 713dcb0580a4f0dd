// DataSet, Bytes and File metrics through the real store on a real SQLite file: a one-row
// DataSet's numeric cells are extra telemetry; what cannot be stored (Bytes, File, a DataSet of
// many rows) is listed on the device with its newest value described and counted, never lost.
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  encodePayload,
  type MetricToEncode,
} from '../../../src/backend/ingest/sparkplug/sparkplug-codec';
import { DataType } from '../../../src/backend/ingest/sparkplug/sparkplug-schema';
import type { RawMessage } from '../../../src/backend/store/ingest-messages';
import { openStoreInProcess, type StoreInProcess } from '../store/support/store-in-process';

const NOW = Date.now();
const TAKEN = NOW - 60_000;
let open: StoreInProcess;

beforeEach(() => {
  open = openStoreInProcess();
  open.store.setSparkplug({ root: 'spBv1.0', hostSession: 'run-1' });
});

afterEach(() => open.close());

const message = (type: string, device: string, seq: number, metrics: MetricToEncode[]) =>
  ({
    topic: `spBv1.0/Plant/${type}/Node-U${device ? `/${device}` : ''}`,
    payload: encodePayload({ timestampMs: TAKEN, seq, metrics }),
    receivedMs: NOW,
  }) satisfies RawMessage;

/** A one-row DataSet (a sensor block) and one of three rows (a recipe table). */
const sensorBlock = (pressure: number): MetricToEncode => ({
  name: 'Block',
  datatype: DataType.DataSet,
  value: null,
  dataset: {
    columns: ['Pressure', 'Torque', 'Label'],
    types: [DataType.Double, DataType.Int32, DataType.String],
    rows: [[pressure, -3, 'ok']],
  },
});
const recipe = (rows: number): MetricToEncode => ({
  name: 'Recipe',
  datatype: DataType.DataSet,
  value: null,
  dataset: {
    columns: ['step', 'setpoint'],
    types: [DataType.String, DataType.Double],
    rows: Array.from({ length: rows }, (_, index) => [`s${index}`, index * 1.5]),
  },
});
const image = (size: number): MetricToEncode => ({
  name: 'Camera/Image',
  datatype: DataType.Bytes,
  value: null,
  bytes: new Uint8Array(size),
  metadata: { contentType: 'image/png' },
});
const report = (): MetricToEncode => ({
  name: 'Report',
  datatype: DataType.File,
  value: null,
  bytes: new Uint8Array(2048),
  metadata: { fileName: 'report.pdf', contentType: 'application/pdf' },
});

const listed = () =>
  open.store.listSparkplugDevices().find((device) => device.deviceId === 'Cell')?.metrics ?? [];

it('keeps a one-row DataSet as extras and lists Bytes, File and many-row DataSets', () => {
  const { store, db } = open;
  store.ingestBatch([
    message('NBIRTH', '', 0, [{ name: 'bdSeq', datatype: DataType.Int64, value: 0 }]),
    message('DBIRTH', 'Cell', 1, [
      { ...sensorBlock(1), alias: 1 },
      { ...recipe(3), alias: 2 },
      { ...image(10), alias: 3 },
      { ...report(), alias: 4 },
      { name: 'Sensors/Temperature', alias: 5, datatype: DataType.Double, value: 20 },
    ]),
  ]);
  // Listed from the birth, before any mapping: the cells as metrics, the rest described.
  expect(listed()).toEqual(
    expect.arrayContaining([
      { name: 'Block/Pressure', datatype: 'Double', role: 'extra' },
      { name: 'Block/Torque', datatype: 'Int32', role: 'extra' },
      {
        name: 'Recipe',
        datatype: 'DataSet',
        role: 'extra',
        unread: {
          summary: 'DataSet, 3 rows × 2 columns ("step", "setpoint")',
          seen: 1,
          lastAt: new Date(TAKEN).toISOString(),
        },
      },
      expect.objectContaining({
        name: 'Camera/Image',
        datatype: 'Bytes',
        unread: expect.objectContaining({ summary: 'Bytes, image/png, 10 bytes', seen: 1 }),
      }),
      expect.objectContaining({
        name: 'Report',
        datatype: 'File',
        unread: expect.objectContaining({
          summary: 'File, "report.pdf", application/pdf, 2,048 bytes',
        }),
      }),
    ]),
  );

  store.mapSparkplugDevice(
    {
      groupId: 'Plant',
      edgeNodeId: 'Node-U',
      deviceId: 'Cell',
      lineId: 'U-L1',
      machineId: 'U-M1',
      roles: {},
    },
    { username: 'admin' },
    NOW,
  );
  const result = store.ingestBatch([
    message('DDATA', 'Cell', 2, [
      { ...sensorBlock(7.5), alias: 1 },
      { ...recipe(5), alias: 2 },
      { ...image(4096), alias: 3 },
      { name: undefined, alias: 5, datatype: DataType.Double, value: 21.5 },
    ]),
  ]);
  expect(result).toMatchObject({ stored: 1, deadLettered: 0 });
  const sample = db
    .prepare(`SELECT temperature, extras FROM telemetry_samples WHERE machine_id = 'U-M1'`)
    .get() as { temperature: number; extras: string };
  expect(sample.temperature).toBe(21.5);
  // The numeric cells are telemetry; the text cell is a label, skipped as in the JSON protocol.
  expect(JSON.parse(sample.extras)).toEqual({ 'Block.Pressure': 7.5, 'Block.Torque': -3 });
  // The newest unread values replace the birth's, counted.
  const after = listed();
  expect(after.find((metric) => metric.name === 'Recipe')?.unread).toMatchObject({
    summary: 'DataSet, 5 rows × 2 columns ("step", "setpoint")',
    seen: 2,
  });
  expect(after.find((metric) => metric.name === 'Camera/Image')?.unread).toMatchObject({
    summary: 'Bytes, image/png, 4,096 bytes',
    seen: 2,
  });
  expect(after.find((metric) => metric.name === 'Report')?.unread?.seen).toBe(1);
});
