// A server limited with --lines handles only the Sparkplug devices mapped to its lines: their
// data and deaths are stored, another area's are followed (the node's seq and aliases span all
// its devices) but neither stored nor dead-lettered, and a mapping to another area's line is
// refused with the reason.
import { afterAll, afterEach, beforeEach, expect, it } from 'vitest';
import {
  encodePayload,
  type MetricToEncode,
} from '../../../src/backend/ingest/sparkplug/sparkplug-codec';
import { DataType } from '../../../src/backend/ingest/sparkplug/sparkplug-schema';
import type { RawMessage } from '../../../src/backend/store/ingest-messages';
import { startTestServer, type TestServer } from '../../helpers/test-backend';
import { openStoreInProcess, type StoreInProcess } from '../store/support/store-in-process';

const NOW = Date.now();
let open: StoreInProcess;
let server: TestServer | null = null;

beforeEach(() => {
  open = openStoreInProcess();
  open.store.setSparkplug({ root: 'spBv1.0', hostSession: 'run-1', lines: ['EAST'] });
});

afterEach(() => open.close());

afterAll(async () => {
  await server?.close();
});

const message = (
  type: string,
  device: string,
  seq: number,
  metrics: MetricToEncode[],
  payload?: Uint8Array,
): RawMessage => ({
  topic: `spBv1.0/Plant/${type}/Node-X${device ? `/${device}` : ''}`,
  payload: payload ?? encodePayload({ timestampMs: NOW - 60_000, seq, metrics }),
  receivedMs: NOW,
});

const temperature = (alias: number, value: number): MetricToEncode[] => [
  { alias, datatype: DataType.Double, value },
];

it('stores the devices of its own lines only; the others are followed, not dead-lettered', () => {
  const { store, db } = open;
  store.ingestBatch([
    message('NBIRTH', '', 0, [{ name: 'bdSeq', datatype: DataType.Int64, value: 1 }]),
    message('DBIRTH', 'East', 1, [
      { name: 'Temperature', alias: 1, datatype: DataType.Double, value: 60 },
    ]),
    message('DBIRTH', 'West', 2, [
      { name: 'Temperature', alias: 2, datatype: DataType.Double, value: 61 },
    ]),
  ]);
  for (const [device, lineId, machineId] of [
    ['East', 'EAST', 'E-M1'],
    ['West', 'WEST', 'W-M1'],
  ] as const) {
    store.mapSparkplugDevice(
      { groupId: 'Plant', edgeNodeId: 'Node-X', deviceId: device, lineId, machineId, roles: {} },
      { username: 'admin' },
      NOW,
    );
  }
  const summary = store.ingestBatch([
    message('DDATA', 'West', 3, temperature(2, 70)),
    message('DDATA', 'East', 4, temperature(1, 71)),
    message('DDATA', 'West', 5, [], Buffer.from('not protobuf')),
    message('NDEATH', '', 0, [{ name: 'bdSeq', datatype: DataType.Int64, value: 1 }]),
  ]);
  expect(summary).toMatchObject({ stored: 2, deadLettered: 0 });
  // The West device's data moved the node's seq: East's seq 4 after it is no gap.
  expect(summary.rebirths).toBeUndefined();
  expect(db.prepare('SELECT COUNT(*) FROM sparkplug_gaps').pluck().get()).toBe(0);
  expect(db.prepare('SELECT machine_id, temperature FROM telemetry_samples').all()).toEqual([
    { machine_id: 'E-M1', temperature: 71 },
  ]);
  expect(
    db.prepare("SELECT machine_id FROM machine_states WHERE state = 'offline'").pluck().all(),
  ).toEqual(['E-M1']);
  expect(db.prepare('SELECT COUNT(*) FROM dead_letters').pluck().get()).toBe(0);
});

it('refuses a mapping to a line outside the server’s --lines, naming the field', async () => {
  server = await startTestServer({ ingest: true, sparkplugHostId: 'lw-east', lines: ['EAST'] });
  const { token } = await server.setupAdmin();
  const refused = await server.http(
    'sparkplug.map',
    {
      groupId: 'Plant',
      edgeNodeId: 'Node-X',
      deviceId: 'West',
      lineId: 'WEST',
      machineId: 'W-M1',
      roles: {},
    },
    token,
  );
  expect(refused.status).toBe(400);
  expect(refused.body).toMatchObject({
    message:
      'lineId: this server reads only lines EAST (--lines); map WEST on its area’s server'.replace(
        '’',
        "'",
      ),
  });
  const allowed = await server.http(
    'sparkplug.map',
    {
      groupId: 'Plant',
      edgeNodeId: 'Node-X',
      deviceId: 'East',
      lineId: 'EAST',
      machineId: 'E-M1',
      roles: {},
    },
    token,
  );
  expect(allowed.status).toBe(200);
});
