import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { SparkplugEdgeNode, type DeviceMetric } from '../../simulator/sparkplug-edge-node';
import { encodePayload } from '../../src/backend/ingest/sparkplug/sparkplug-codec';
import { DataType } from '../../src/backend/ingest/sparkplug/sparkplug-schema';
import { nodeLauncher } from '../../src/backend/process/node-launcher';
import type { RawMessage } from '../../src/backend/store/ingest-messages';
import { connectStore } from '../../src/backend/store/store-client';
import type { SparkplugDevice } from '../../src/shared/contract';
import { barcodeOf, testResultMessage } from '../../tests/integration/ingest/support/payloads';
import { ResultsReader } from '../../tests/integration/ingest/support/results-db';
import { startTestServer } from '../../tests/helpers/test-backend';
import { waitFor } from '../../tests/helpers/wait';
import { formatRate, perSecond } from './stats';

const BASE_MS = Date.UTC(2026, 10, 22, 10, 0, 0);

/** A test station's metrics as an edge node declares them (aliases 1–4). */
const STATION: DeviceMetric[] = [
  { name: 'Test/Barcode', datatype: DataType.String, value: '' },
  { name: 'Test/Product', datatype: DataType.String, value: '' },
  { name: 'Test/Step', datatype: DataType.String, value: '' },
  { name: 'Test/Value', datatype: DataType.Double, value: 0 },
];

/** One DDATA carrying a whole test result by alias, as the JSON bench's message carries one. */
function resultData(prefix: string, index: number, seq: number): RawMessage {
  const payload = encodePayload({
    timestampMs: BASE_MS + index,
    seq,
    metrics: [
      // Barcodes as the JSON bench writes them (zero-padded): the same index inserts.
      { alias: 1, datatype: DataType.String, value: barcodeOf(prefix, index) },
      { alias: 2, datatype: DataType.String, value: 'PROD-A' },
      { alias: 3, datatype: DataType.String, value: 'voltage_test' },
      { alias: 4, datatype: DataType.Double, value: 80 + (index % 100) / 10 },
    ],
  });
  return { topic: 'spBv1.0/Bench/DDATA/Node-1/Station', payload, receivedMs: Date.now() };
}

/**
 * The store process alone, as runStoreDirect measures JSON: batches of Sparkplug DDATA over
 * IPC, each one transaction (decode, session and seq, alias, mapping, test result, and the
 * session persisted with the batch).
 */
export async function runSparkplugStoreDirect(count: number, batchSize: number): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'linewatch-bench-spb-'));
  const store = await connectStore(nodeLauncher.store(), join(dataDir, 'linewatch.sqlite'));
  try {
    await store.setTopicRoot('factory');
    await store.setSparkplug({ root: 'spBv1.0', hostSession: 'bench' });
    const birth = (type: string, device: string, metrics: typeof STATION, seq: number) => ({
      topic: `spBv1.0/Bench/${type}/Node-1${device ? `/${device}` : ''}`,
      payload: encodePayload({
        seq,
        metrics: metrics.map((metric, index) => ({ ...metric, alias: index + 1 })),
      }),
      receivedMs: Date.now(),
    });
    await store.ingestBatch([
      birth('NBIRTH', '', [{ name: 'bdSeq', datatype: DataType.Int64, value: 0 }], 0),
      birth('DBIRTH', 'Station', STATION, 1),
    ]);
    await store.mapSparkplugDevice(
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
    const batches: RawMessage[][] = [];
    let seq = 2;
    for (let start = 0; start < count; start += batchSize) {
      const batch: RawMessage[] = [];
      for (let index = start; index < Math.min(count, start + batchSize); index += 1) {
        batch.push(resultData('SPBSTORE', index, seq));
        seq = (seq + 1) % 256;
      }
      batches.push(batch);
    }
    let stored = 0;
    const started = performance.now();
    for (const batch of batches) stored += (await store.ingestBatch(batch)).stored;
    const elapsed = performance.now() - started;
    console.log(
      `store process, Sparkplug DDATA: ${stored} msgs in batches of ${batchSize}, ${formatRate(stored, elapsed)}`,
    );
    if (stored !== count) throw new Error(`Sparkplug store: stored ${stored} of ${count}`);
    return perSecond(stored, elapsed);
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * One server reading JSON and Sparkplug from the same mosquitto: `count` JSON test results
 * (QoS 1), then `count` Sparkplug DDATA carrying one each (QoS 1), from publish of the first
 * to commit of the last; msg/s for both.
 */
export async function runSideBySide(
  brokerUrl: string,
  count: number,
): Promise<{ json: number; sparkplug: number }> {
  const server = await startTestServer({ ingest: true, brokerUrl, sparkplugHostId: 'lw-bench' });
  const reader = new ResultsReader(server.dataDir);
  const node = new SparkplugEdgeNode({ url: brokerUrl, groupId: 'Bench', edgeNodeId: 'Node-1' });
  const publisher = await mqtt.connectAsync(brokerUrl, { clean: true, reconnectPeriod: 0 });
  try {
    const { token } = await server.setupAdmin();
    node.addDevice('Station', STATION);
    await node.connect();
    await waitFor('the station listed', async () => {
      const { body } = await server.http('sparkplug.devices', {}, token);
      return (body as SparkplugDevice[]).find((device) => device.deviceId === 'Station');
    });
    await server.http(
      'sparkplug.map',
      {
        groupId: 'Bench',
        edgeNodeId: 'Node-1',
        deviceId: 'Station',
        lineId: 'L1',
        machineId: 'SPB-M1',
        roles: {},
      },
      token,
    );
    await waitFor('the rebirth after mapping', () => (node.rebirthRequests > 0 ? true : undefined));

    const timed = async (prefix: string, publish: (index: number) => Promise<void>) => {
      const started = performance.now();
      const inFlight: Promise<void>[] = [];
      for (let index = 0; index < count; index += 1) {
        inFlight.push(publish(index));
        if (inFlight.length >= 1000) await Promise.all(inFlight.splice(0));
      }
      await Promise.all(inFlight);
      await waitFor(`${prefix} stored`, () => (reader.count(prefix) >= count ? true : undefined), {
        timeoutMs: 300_000,
        everyMs: 20,
      });
      return performance.now() - started;
    };
    const jsonMs = await timed('JSONSIDE', async (index) => {
      const { topic, payload } = testResultMessage({ prefix: 'JSONSIDE', index });
      await publisher.publishAsync(topic, payload, { qos: 1 });
    });
    const sparkplugMs = await timed('SPBSIDE', (index) =>
      node.data(
        'Station',
        {
          'Test/Barcode': `SPBSIDE-${index}`,
          'Test/Product': 'PROD-A',
          'Test/Step': 'voltage_test',
          'Test/Value': 80 + (index % 100) / 10,
        },
        BASE_MS + index,
      ),
    );
    console.log(
      `via mosquitto, one server: JSON ${formatRate(count, jsonMs)}; Sparkplug ${formatRate(count, sparkplugMs)}`,
    );
    return { json: perSecond(count, jsonMs), sparkplug: perSecond(count, sparkplugMs) };
  } finally {
    await publisher.endAsync(true);
    await node.disconnect().catch(() => undefined);
    reader.close();
    await server.close();
    rmSync(server.dataDir, { recursive: true, force: true });
  }
}
