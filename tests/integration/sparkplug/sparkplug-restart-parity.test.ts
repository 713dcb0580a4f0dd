// A restart of Linewatch picks up from its retained STATE and the edge nodes' new births; the
// same shift sent as JSON and as Sparkplug gives the same results and verdicts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SparkplugEdgeNode } from '../../../simulator/sparkplug-edge-node';
import type { SparkplugDevice } from '../../../src/shared/contract';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../../helpers/test-backend';
import { waitFor } from '../../helpers/wait';
import { query, retainedState, stationMetrics } from './support';

let broker: Mosquitto;
const dataDirs: string[] = [];
const servers: TestServer[] = [];
const nodes: SparkplugEdgeNode[] = [];

beforeAll(async () => {
  broker = await startMosquitto();
}, 60_000);

afterAll(async () => {
  for (const node of nodes) await node.disconnect().catch(() => undefined);
  for (const server of servers) await server.close().catch(() => undefined);
  await broker?.dispose();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

async function start(dataDir: string, hostId: string): Promise<TestServer> {
  const server = await startTestServer({
    dataDir,
    ingest: true,
    brokerUrl: broker.url,
    sparkplugHostId: hostId,
  });
  servers.push(server);
  return server;
}

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'linewatch-spb-'));
  dataDirs.push(dir);
  return dir;
}

async function connectNode(groupId: string, edgeNodeId: string): Promise<SparkplugEdgeNode> {
  const node = new SparkplugEdgeNode({ url: broker.url, groupId, edgeNodeId });
  node.addDevice('Station', stationMetrics());
  nodes.push(node);
  await node.connect();
  return node;
}

async function map(
  server: TestServer,
  token: string,
  device: { groupId: string; edgeNodeId: string; lineId: string; machineId: string },
): Promise<void> {
  await waitFor('the device listed', async () => {
    const { body } = await server.http('sparkplug.devices', {}, token);
    return (body as SparkplugDevice[]).find(
      (listed) => listed.edgeNodeId === device.edgeNodeId && listed.deviceId === 'Station',
    );
  });
  const { status, body } = await server.http(
    'sparkplug.map',
    { ...device, deviceId: 'Station', roles: {} },
    token,
  );
  expect(status, JSON.stringify(body)).toBe(200);
}

const temperatureAt = (dataDir: string, machineId: string, ts: number) =>
  query<{ temperature: number }>(
    dataDir,
    'SELECT temperature FROM telemetry_samples WHERE machine_id = ? AND ts_ms = ?',
    machineId,
    ts,
  )[0]?.temperature;

it('a restart republishes STATE online and picks up from the edge node’s new births', async () => {
  const dataDir = freshDir();
  const first = await start(dataDir, 'lw-restart');
  const token = (await first.setupAdmin()).token;
  const node = await connectNode('Plant', 'Node-R');
  await map(first, token, {
    groupId: 'Plant',
    edgeNodeId: 'Node-R',
    lineId: 'R-L',
    machineId: 'R-M',
  });
  await waitFor('the rebirth after mapping', () => (node.rebirthRequests > 0 ? true : undefined));
  const t1 = Date.now() - 30_000;
  await node.data('Station', { 'Sensors/Temperature': 61 }, t1);
  await waitFor('data before the restart', () => temperatureAt(dataDir, 'R-M', t1));
  const online = await retainedState(broker.url, 'lw-restart');
  expect(online.online).toBe(true);

  await first.close();
  servers.splice(servers.indexOf(first), 1);
  // A clean stop says offline itself (a clean disconnect suppresses the will).
  expect((await retainedState(broker.url, 'lw-restart')).online).toBe(false);

  const second = await start(dataDir, 'lw-restart');
  const back = await waitFor('STATE online again', async () => {
    const state = await retainedState(broker.url, 'lw-restart');
    return state.online ? state : undefined;
  });
  expect(back.timestamp).toBeGreaterThanOrEqual(online.timestamp);

  // The new host knows no session yet: the next data asks for a rebirth, then flows.
  const answered = node.rebirthRequests;
  const t2 = Date.now() - 20_000;
  await node.data('Station', { 'Sensors/Temperature': 62 }, t2);
  await waitFor('a rebirth request from the new host', () =>
    node.rebirthRequests > answered ? true : undefined,
  );
  // Stamped after the rebirth's values, so it is the current reading.
  const t3 = Date.now() + 1_000;
  await node.data('Station', { 'Sensors/Temperature': 63 }, t3);
  expect(await waitFor('data after the restart', () => temperatureAt(dataDir, 'R-M', t3))).toBe(63);
  // The restarted server shows the machine's reading from the new session.
  const token2 = (await second.login('admin', ADMIN_PASSWORD)).token;
  const snapshot = await waitFor('the reading in the overview', async () => {
    const { body } = await second.http('machines.overview', { lineId: 'R-L' }, token2);
    const found = (body as { machineId: string; temperature: number | null }[])[0];
    return found?.temperature === 63 ? found : undefined;
  });
  expect(snapshot.machineId).toBe('R-M');
  // The data before the rebirth was refused, with the reason, and is kept as a dead letter.
  const refused = query<{ reason: string }>(
    dataDir,
    "SELECT reason FROM dead_letters WHERE topic = 'spBv1.0/Plant/DDATA/Node-R/Station'",
  );
  expect(refused.map((row) => row.reason)).toContain(
    'topic: no NBIRTH of edge node Node-R in this session',
  );
});

it('the same shift as JSON and as Sparkplug gives the same results and verdicts', async () => {
  const dataDir = freshDir();
  const server = await start(dataDir, 'lw-parity');
  const token = (await server.setupAdmin()).token;
  const base = Date.now() - 2 * 3_600_000;
  const spec = await server.http(
    'specs.save',
    {
      productId: 'PROD-P',
      testStep: 'voltage',
      lineId: null,
      lower: 80,
      upper: 90,
      validFrom: new Date(base - 60_000).toISOString(),
    },
    token,
  );
  expect(spec.status, JSON.stringify(spec.body)).toBe(200);

  // A shift: passes, a failure and its retest, a low one, an out-of-order retest.
  const shift = [
    { unit: 'U1', value: 85, at: base + 1_000 },
    { unit: 'U2', value: 95, at: base + 2_000 },
    { unit: 'U2', value: 88, at: base + 3_000 },
    { unit: 'U3', value: 79.5, at: base + 4_000 },
    { unit: 'U4', value: 90, at: base + 6_000 },
    { unit: 'U4', value: 91, at: base + 5_000 },
  ];

  const json = await mqtt.connectAsync(broker.url, { clean: true, reconnectPeriod: 0 });
  for (const test of shift) {
    const body = {
      barcode: `J-${test.unit}`,
      machine_id: 'PJ-M',
      product_id: 'PROD-P',
      test_step: 'voltage',
      measured_value: test.value,
      timestamp: test.at,
    };
    await json.publishAsync('factory/PJ-L/PJ-M/test', JSON.stringify(body), { qos: 1 });
  }
  await json.endAsync();

  const node = await connectNode('Plant', 'Node-P');
  await map(server, token, {
    groupId: 'Plant',
    edgeNodeId: 'Node-P',
    lineId: 'PS-L',
    machineId: 'PS-M',
  });
  await waitFor('the rebirth after mapping', () => (node.rebirthRequests > 0 ? true : undefined));
  for (const test of shift) {
    await node.data(
      'Station',
      {
        'Test/Barcode': `S-${test.unit}`,
        'Test/Product': 'PROD-P',
        'Test/Step': 'voltage',
        'Test/Value': test.value,
      },
      test.at,
    );
  }

  const results = (machineId: string) =>
    query<{ unit: string; value: number; at: number; verdict: string; attempt: number }>(
      dataDir,
      `SELECT substr(barcode, 3) AS unit, measured_value AS value, ts_ms AS at, verdict, attempt
       FROM test_results WHERE machine_id = ? ORDER BY ts_ms`,
      machineId,
    );
  const fromJson = await waitFor('the JSON shift', () => {
    const rows = results('PJ-M');
    return rows.length === shift.length ? rows : undefined;
  });
  const fromSparkplug = await waitFor('the Sparkplug shift', () => {
    const rows = results('PS-M');
    return rows.length === shift.length ? rows : undefined;
  });
  expect(fromSparkplug).toEqual(fromJson);
  expect(fromJson.map((row) => [row.unit, row.verdict, row.attempt])).toEqual([
    ['U1', 'PASS', 1],
    ['U2', 'FAIL', 1],
    ['U2', 'PASS', 2],
    ['U3', 'FAIL', 1],
    ['U4', 'FAIL', 1],
    ['U4', 'PASS', 2],
  ]);
});
