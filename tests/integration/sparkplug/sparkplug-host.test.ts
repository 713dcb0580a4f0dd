// The Sparkplug B host application against a real mosquitto (max_queued_messages 0): births,
// data and deaths of mapped devices stored like the JSON protocol's messages; gaps and unknown
// aliases lead to a rebirth request; bad input is dead-lettered with a reason.
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SparkplugEdgeNode } from '../../../simulator/sparkplug-edge-node';
import { encodePayload } from '../../../src/backend/ingest/sparkplug/sparkplug-codec';
import { DataType, PayloadType } from '../../../src/backend/ingest/sparkplug/sparkplug-schema';
import type { SparkplugDevice } from '../../../src/shared/contract';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { startTestServer, type TestServer } from '../../helpers/test-backend';
import { waitFor } from '../../helpers/wait';
import { query, retainedState, stationMetrics } from './support';

let broker: Mosquitto;
let server: TestServer;
let token: string;
const nodes: SparkplugEdgeNode[] = [];

beforeAll(async () => {
  broker = await startMosquitto();
  server = await startTestServer({
    ingest: true,
    brokerUrl: broker.url,
    sparkplugHostId: 'linewatch-test',
  });
  token = (await server.setupAdmin()).token;
}, 120_000);

afterAll(async () => {
  for (const node of nodes) await node.disconnect().catch(() => undefined);
  await server?.close();
  await broker?.dispose();
});

async function edgeNode(groupId: string, edgeNodeId: string): Promise<SparkplugEdgeNode> {
  const node = new SparkplugEdgeNode({ url: broker.url, groupId, edgeNodeId });
  node.addDevice('Station', stationMetrics());
  nodes.push(node);
  await node.connect();
  return node;
}

async function devices(): Promise<SparkplugDevice[]> {
  const { status, body } = await server.http('sparkplug.devices', {}, token);
  expect(status).toBe(200);
  return body as SparkplugDevice[];
}

/** Waits for the device's birth to be listed, then maps it (which asks for a rebirth). */
async function mapStation(groupId: string, edgeNodeId: string, lineId: string, machineId: string) {
  await waitFor('the station listed for mapping', async () =>
    (await devices()).find(
      (device) => device.edgeNodeId === edgeNodeId && device.deviceId === 'Station',
    ),
  );
  const { status, body } = await server.http(
    'sparkplug.map',
    { groupId, edgeNodeId, deviceId: 'Station', lineId, machineId, roles: {} },
    token,
  );
  expect(status, JSON.stringify(body)).toBe(200);
}

const stateOf = (machineId: string) =>
  query<{ state: string }>(
    server.dataDir,
    'SELECT state FROM machine_states WHERE machine_id = ? ORDER BY ts_ms DESC, id DESC LIMIT 1',
    machineId,
  )[0]?.state;

describe('Sparkplug B host application', () => {
  it('says it is online in a retained 3.0 STATE', async () => {
    const state = await retainedState(broker.url, 'linewatch-test');
    expect(state.online).toBe(true);
    expect(typeof state.timestamp).toBe('number');
  });

  it('lists an unmapped device with its metrics and their meanings, for mapping', async () => {
    const node = await edgeNode('Plant', 'Unmapped-Node');
    await node.data('Station', { 'Sensors/Temperature': 66 });
    const listed = await waitFor('the unmapped device', async () =>
      (await devices()).find(
        (device) => device.edgeNodeId === 'Unmapped-Node' && device.deviceId === 'Station',
      ),
    );
    expect(listed.machineId).toBeNull();
    expect(listed.metrics).toContainEqual({
      name: 'Sensors/Temperature',
      datatype: 'Double',
      role: 'temperature',
    });
    expect(listed.metrics).toContainEqual({
      name: 'Sensors/Vibration',
      datatype: 'Float',
      role: 'extra',
    });
  });

  it('stores births, data and test results of a mapped device; a death makes it offline at once', async () => {
    const node = await edgeNode('Plant', 'Node-A');
    await mapStation('Plant', 'Node-A', 'SP-L1', 'SP-M1');
    // The mapping asked for a rebirth: the birth's state is stored.
    await waitFor('the rebirth after mapping', () => (node.rebirthRequests > 0 ? true : undefined));
    await waitFor('the birth state', () => (stateOf('SP-M1') === 'running' ? true : undefined));

    const at = Date.now() - 60_000;
    await node.data(
      'Station',
      { 'Sensors/Temperature': 71.5, 'Sensors/Vibration': 2.5, 'Counters/units_produced': 12 },
      at,
    );
    await node.data(
      'Station',
      { 'Test/Barcode': 'SPB-1', 'Test/Product': 'PROD-SP', 'Test/Step': 'leak' },
      at + 1,
    );
    await node.data('Station', { 'Test/Value': 3.25 }, at + 2);

    const sample = await waitFor(
      'the telemetry sample',
      () =>
        query<{ temperature: number; units_produced: number; extras: string }>(
          server.dataDir,
          'SELECT temperature, units_produced, extras FROM telemetry_samples WHERE machine_id = ? AND ts_ms = ?',
          'SP-M1',
          at,
        )[0],
    );
    expect(sample).toEqual({
      temperature: 71.5,
      units_produced: 12,
      extras: JSON.stringify({ 'Sensors.Vibration': 2.5 }),
    });
    const result = await waitFor(
      'the test result',
      () =>
        query<{
          line_id: string;
          product_id: string;
          test_step: string;
          measured_value: number;
          ts_ms: number;
        }>(
          server.dataDir,
          'SELECT line_id, product_id, test_step, measured_value, ts_ms FROM test_results WHERE barcode = ?',
          'SPB-1',
        )[0],
    );
    expect(result).toEqual({
      line_id: 'SP-L1',
      product_id: 'PROD-SP',
      test_step: 'leak',
      measured_value: 3.25,
      ts_ms: at + 2,
    });

    await node.vanish();
    await waitFor('offline after the NDEATH will', () =>
      stateOf('SP-M1') === 'offline' ? true : undefined,
    );
    const machine = await waitFor('the machine offline in the API', async () => {
      const { body } = await server.http('machines.overview', { lineId: 'SP-L1' }, token);
      const snapshots = body as {
        machineId: string;
        state: string | null;
        reason: string | null;
      }[];
      const found = snapshots.find((snapshot) => snapshot.machineId === 'SP-M1');
      return found?.state === 'offline' ? found : undefined;
    });
    expect(machine.reason).toBe('Sparkplug NDEATH of Plant/Node-A');
  });

  it('asks for a rebirth at a sequence gap and marks the gap until the new birth', async () => {
    const node = await edgeNode('Plant', 'Node-Gap');
    await mapStation('Plant', 'Node-Gap', 'SP-L1', 'SP-M2');
    await waitFor('the rebirth after mapping', () => (node.rebirthRequests > 0 ? true : undefined));
    const before = node.rebirthRequests;
    node.skipSeq(3);
    await node.data('Station', { 'Sensors/Temperature': 64 });
    await waitFor('a rebirth request for the gap', () =>
      node.rebirthRequests > before ? true : undefined,
    );
    const gap = await waitFor(
      'the gap closed by the new birth',
      () =>
        query<{ reason: string; closed_ms: number | null }>(
          server.dataDir,
          "SELECT reason, closed_ms FROM sparkplug_gaps WHERE edge_node_id = 'Node-Gap' AND closed_ms IS NOT NULL",
        )[0],
    );
    expect(gap.reason).toMatch(/^seq \d+ where \d+ was due$/);
  });

  it('dead-letters a malformed protobuf, an unknown alias and a birth with wrong types, with reasons', async () => {
    const node = await edgeNode('Plant', 'Node-Bad');
    await mapStation('Plant', 'Node-Bad', 'SP-L2', 'SP-M3');
    await waitFor('the rebirth after mapping', () => (node.rebirthRequests > 0 ? true : undefined));
    const raw = await mqtt.connectAsync(broker.url, { clean: true, reconnectPeriod: 0 });
    try {
      await raw.publishAsync(
        'spBv1.0/Plant/DDATA/Node-Bad/Station',
        Buffer.from('not protobuf {'),
        { qos: 1 },
      );
      await raw.publishAsync(
        'spBv1.0/Plant/DDATA/Node-Bad/Station',
        Buffer.from(
          encodePayload({
            seq: 200,
            metrics: [{ alias: 999, datatype: DataType.Double, value: 1 }],
          }),
        ),
        { qos: 1 },
      );
      await raw.publishAsync(
        'spBv1.0/Plant/NBIRTH/Node-Typed',
        // Written with the schema directly: the codec would not put a string in a Double.
        Buffer.from(
          PayloadType.encode(
            PayloadType.fromObject({
              seq: 0,
              metrics: [
                { name: 'bdSeq', datatype: DataType.Int64, longValue: 0 },
                { name: 'Temperature', datatype: DataType.Double, stringValue: 'hot' },
              ],
            }),
          ).finish(),
        ),
        { qos: 1 },
      );
    } finally {
      await raw.endAsync();
    }
    const reasons = await waitFor('three dead letters', () => {
      const rows = query<{ reason: string; machine_id: string | null }>(
        server.dataDir,
        "SELECT reason, machine_id FROM dead_letters WHERE topic LIKE 'spBv1.0/Plant/%/Node-Bad/%' OR topic LIKE 'spBv1.0/Plant/NBIRTH/Node-Typed'",
      );
      return rows.length >= 3 ? rows : undefined;
    });
    const texts = reasons.map((row) => row.reason);
    expect(texts).toHaveLength(3);
    expect(texts).toContain('metrics[0]: metric alias 999 is not in the birth certificate');
    expect(texts).toContain('metrics[1] ("Temperature"): declared Double but carries a string');
    expect(texts.some((text) => /^payload: not a Sparkplug B protobuf \(.+\)$/.test(text))).toBe(
      true,
    );
    // The mapped device's dead letters belong to its machine (scoped like JSON ones).
    expect(reasons.filter((row) => row.machine_id === 'SP-M3')).toHaveLength(2);
  });
});
