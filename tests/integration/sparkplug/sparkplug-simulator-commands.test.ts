// `npm run simulate -- --sparkplug`'s edge nodes against a real mosquitto and a real server:
// they answer NCMD `Node Control/Rebirth` with new births, and Linewatch commands written as
// DCMD to their mapped command metrics are obeyed by the machine model and reported back, so
// the commands are answered ok (or failed, when the machine refuses) as JSON commands are.
import mqtt from 'mqtt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SparkplugEdgeNode, type MetricWrite } from '../../../simulator/sparkplug-edge-node';
import { SparkplugRunner } from '../../../simulator/sparkplug-runner';
import {
  decodePayload,
  encodePayload,
  type SparkplugMetric,
} from '../../../src/backend/ingest/sparkplug/sparkplug-codec';
import { DataType } from '../../../src/backend/ingest/sparkplug/sparkplug-schema';
import type { CommandRecord, SparkplugDevice } from '../../../src/shared/contract';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { startTestServer, type TestServer } from '../../helpers/test-backend';
import { waitFor } from '../../helpers/wait';
import { query } from './support';

let broker: Mosquitto;
let server: TestServer;
let token: string;
let runner: SparkplugRunner;

beforeAll(async () => {
  broker = await startMosquitto();
  server = await startTestServer({
    ingest: true,
    brokerUrl: broker.url,
    sparkplugHostId: 'lw-sim',
  });
  token = (await server.setupAdmin()).token;
  runner = new SparkplugRunner({
    brokerUrl: broker.url,
    model: { seed: 7, lines: 1, machinesPerLine: 1, messagesPerSecond: 2, runId: 'spb-sim' },
    gapEverySeconds: 0,
  });
  await runner.start();
}, 120_000);

afterAll(async () => {
  await runner?.stop().catch(() => undefined);
  await server?.close();
  await broker?.dispose();
});

async function command(machineId: string, name: string, unitsPerMinute?: number) {
  const { status, body } = await server.http(
    'machines.command',
    { machineId, command: name, ...(unitsPerMinute ? { unitsPerMinute } : {}) },
    token,
  );
  expect(status, JSON.stringify(body)).toBe(200);
  const { id } = body as CommandRecord;
  return waitFor(`command ${name} answered`, async () => {
    const listed = await server.http('commands.list', { machineId }, token);
    const found = (listed.body as CommandRecord[]).find((record) => record.id === id);
    return found && found.status !== 'sent' ? found : undefined;
  });
}

it('answers a rebirth request and the commands written to its command metrics', async () => {
  const [machine] = runner.machines;
  if (!machine) throw new Error('no simulated machine');
  const { lineId, machineId } = machine;
  const device = await waitFor('the simulated device listed', async () => {
    const { body } = await server.http('sparkplug.devices', {}, token);
    return (body as SparkplugDevice[]).find(
      (listed) => listed.edgeNodeId === lineId && listed.deviceId === machineId,
    );
  });
  // The command metrics are declared in the birth, with their data types.
  expect(device.metrics).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ name: 'Commands/Start', datatype: 'Boolean' }),
      expect.objectContaining({ name: 'Commands/Rate', datatype: 'Double' }),
    ]),
  );

  // A new mapping asks the edge node for a rebirth (NCMD Node Control/Rebirth): it is reborn.
  const before = runner.rebirthsAnswered;
  const mapped = await server.http(
    'sparkplug.map',
    {
      groupId: 'Linewatch',
      edgeNodeId: lineId,
      deviceId: machineId,
      lineId,
      machineId,
      roles: {
        'Commands/Start': 'command_start',
        'Commands/Stop': 'command_stop',
        'Commands/Reset': 'command_reset',
        'Commands/Rate': 'command_set_rate',
      },
    },
    token,
  );
  expect(mapped.status, JSON.stringify(mapped.body)).toBe(200);
  await waitFor('the rebirth answered', () =>
    runner.rebirthsAnswered > before ? true : undefined,
  );

  expect(await command(machineId, 'stop')).toMatchObject({
    status: 'ok',
    answer: 'Sparkplug: Commands/Stop = true',
  });
  // The machine model obeyed: its state change reached Linewatch as Sparkplug data.
  await waitFor('the machine idle', () => {
    const [latest] = query<{ state: string }>(
      server.dataDir,
      'SELECT state FROM machine_states WHERE machine_id = ? ORDER BY ts_ms DESC, id DESC LIMIT 1',
      machineId,
    );
    return latest?.state === 'idle' ? true : undefined;
  });
  expect(await command(machineId, 'start')).toMatchObject({ status: 'ok' });
  expect(await command(machineId, 'reset')).toMatchObject({ status: 'ok' });
  expect(await command(machineId, 'set_rate', 30)).toMatchObject({
    status: 'ok',
    answer: 'Sparkplug: Commands/Rate = 30',
  });
  // The model refuses a rate above its maximum and reports the rate it kept.
  expect(await command(machineId, 'set_rate', 5000)).toMatchObject({
    status: 'failed',
    answer: 'Sparkplug: Commands/Rate reported 30 after the command wrote 5000',
  });
  expect(runner.commands).toEqual({ obeyed: 4, refused: 1 });
});

it('an edge node hands NCMD writes to its own metrics (by name or alias) to its handler and reports', async () => {
  const writes: { deviceId: string; writes: MetricWrite[] }[] = [];
  const node = new SparkplugEdgeNode({
    url: broker.url,
    groupId: 'Writes',
    edgeNodeId: 'Node-W',
    onWrite: (deviceId, received) => {
      writes.push({ deviceId, writes: received });
      return Object.fromEntries(received.map(({ name, value }) => [name, value]));
    },
  });
  node.addDevice('', [{ name: 'Commands/Reset', datatype: DataType.Boolean, value: false }]);
  node.addDevice('Dev', [{ name: 'Setpoint', datatype: DataType.Double, value: 1 }]);
  const host = await mqtt.connectAsync(broker.url, { clean: true, reconnectPeriod: 0 });
  try {
    const reports: { topic: string; metrics: SparkplugMetric[] }[] = [];
    host.on('message', (topic, payload) => {
      const decoded = decodePayload(payload);
      if (decoded.ok) reports.push({ topic, metrics: decoded.payload.metrics });
    });
    await host.subscribeAsync(['spBv1.0/Writes/NDATA/Node-W', 'spBv1.0/Writes/DDATA/Node-W/+'], {
      qos: 1,
    });
    await node.connect();
    // The node's own metric by name (NCMD), a device's by its alias (DCMD, alias 2).
    await host.publishAsync(
      'spBv1.0/Writes/NCMD/Node-W',
      Buffer.from(
        encodePayload({
          metrics: [{ name: 'Commands/Reset', datatype: DataType.Boolean, value: true }],
        }),
      ),
    );
    await host.publishAsync(
      'spBv1.0/Writes/DCMD/Node-W/Dev',
      Buffer.from(encodePayload({ metrics: [{ alias: 2, datatype: DataType.Double, value: 7 }] })),
    );
    await waitFor('both writes reported', () => (reports.length >= 2 ? true : undefined));
    expect(writes).toEqual([
      { deviceId: '', writes: [{ name: 'Commands/Reset', value: true }] },
      { deviceId: 'Dev', writes: [{ name: 'Setpoint', value: 7 }] },
    ]);
    expect(
      reports.map(({ topic, metrics }) => [topic, metrics[0]?.alias, metrics[0]?.value]),
    ).toEqual([
      ['spBv1.0/Writes/NDATA/Node-W', 1, true],
      ['spBv1.0/Writes/DDATA/Node-W/Dev', 2, 7],
    ]);
    expect(node.writesReceived).toBe(2);
  } finally {
    await host.endAsync(true);
    await node.disconnect();
  }
});
