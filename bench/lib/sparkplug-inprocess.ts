/**
 * Sparkplug and JSON ingest in this process (no IPC), alternating batches so the shared
 * machine's load falls on both alike: CPU µs per message for each, and a `node --cpu-prof`
 * profile of what a Sparkplug message costs.
 * `node --import tsx [--cpu-prof] bench/lib/sparkplug-inprocess.ts [count]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePayload } from '../../src/backend/ingest/sparkplug/sparkplug-codec';
import { DataType } from '../../src/backend/ingest/sparkplug/sparkplug-schema';
import { openDatabase } from '../../src/backend/store/open-database';
import { createStore } from '../../src/backend/store/store';
import type { RawMessage } from '../../src/backend/store/ingest-messages';
import { barcodeOf, testResultMessage } from '../../tests/integration/ingest/support/payloads';

const count = Number(process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? 40_000);
const batchSize = 2000;
const BASE_MS = Date.UTC(2026, 10, 22, 10, 0, 0);
const dataDir = mkdtempSync(join(tmpdir(), 'linewatch-bench-spb-inproc-'));
const migrations = fileURLToPath(new URL('../../src/backend/store/migrations/', import.meta.url));
const { db } = openDatabase(join(dataDir, 'linewatch.sqlite'), migrations);
const store = createStore(db, () => undefined);
store.setTopicRoot('factory');
store.setSparkplug({ root: 'spBv1.0', hostSession: 'bench' });

const STATION = [
  { name: 'Test/Barcode', datatype: DataType.String, value: '' },
  { name: 'Test/Product', datatype: DataType.String, value: '' },
  { name: 'Test/Step', datatype: DataType.String, value: '' },
  { name: 'Test/Value', datatype: DataType.Double, value: 0 },
];
const topic = (type: string, device = '') =>
  `spBv1.0/Bench/${type}/Node-1${device ? `/${device}` : ''}`;
store.ingestBatch([
  {
    topic: topic('NBIRTH'),
    payload: encodePayload({
      seq: 0,
      metrics: [{ name: 'bdSeq', datatype: DataType.Int64, value: 0 }],
    }),
    receivedMs: Date.now(),
  },
  {
    topic: topic('DBIRTH', 'Station'),
    payload: encodePayload({
      seq: 1,
      metrics: STATION.map((metric, index) => ({ ...metric, alias: index + 1 })),
    }),
    receivedMs: Date.now(),
  },
]);
store.mapSparkplugDevice(
  {
    groupId: 'Bench',
    edgeNodeId: 'Node-1',
    deviceId: 'Station',
    lineId: 'L1',
    machineId: 'SPB-M1',
    roles: {},
  },
  { username: 'bench' },
  Date.now(),
);

let seq = 2;
const sparkplug: RawMessage[][] = [];
const json: RawMessage[][] = [];
for (let start = 0; start < count; start += batchSize) {
  const spb: RawMessage[] = [];
  const plain: RawMessage[] = [];
  for (let index = start; index < Math.min(count, start + batchSize); index += 1) {
    spb.push({
      topic: topic('DDATA', 'Station'),
      payload: encodePayload({
        timestampMs: BASE_MS + index,
        seq,
        metrics: [
          { alias: 1, datatype: DataType.String, value: barcodeOf('SPB', index) },
          { alias: 2, datatype: DataType.String, value: 'PROD-A' },
          { alias: 3, datatype: DataType.String, value: 'voltage_test' },
          { alias: 4, datatype: DataType.Double, value: 80 + (index % 100) / 10 },
        ],
      }),
      receivedMs: Date.now(),
    });
    seq = (seq + 1) % 256;
    const { topic: jsonTopic, payload } = testResultMessage({ prefix: 'JSON', index });
    plain.push({ topic: jsonTopic, payload, receivedMs: Date.now() });
  }
  sparkplug.push(spb);
  json.push(plain);
}

const cpu = { sparkplug: 0, json: 0 };
const stored = { sparkplug: 0, json: 0 };
const timed = (kind: 'sparkplug' | 'json', batch: RawMessage[]) => {
  const before = process.cpuUsage();
  stored[kind] += store.ingestBatch(batch).stored;
  const used = process.cpuUsage(before);
  cpu[kind] += used.user + used.system;
};
for (let index = 0; index < sparkplug.length; index += 1) {
  timed('json', json[index] ?? []);
  timed('sparkplug', sparkplug[index] ?? []);
}
const perMessage = (kind: 'sparkplug' | 'json') => (cpu[kind] / stored[kind]).toFixed(1);
console.log(
  `in-process ingest, CPU µs per message (load ${loadavg()
    .map((value) => value.toFixed(1))
    .join(' ')}): JSON ${perMessage('json')} (${stored.json}), ` +
    `Sparkplug ${perMessage('sparkplug')} (${stored.sparkplug})`,
);
db.close();
rmSync(dataDir, { recursive: true, force: true });
