// Linewatch commands to Sparkplug-mapped machines, against a real mosquitto: the command API
// publishes a DCMD (device) or NCMD (node) writing the metric an admin gave the command's
// meaning; a fake edge node (real MQTT clients) decodes it and answers with DDATA/NDATA
// reporting the metric; the report answers the command (ok, or failed on another value), and
// no report within the timeout times it out, as for JSON commands.
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SparkplugEdgeNode } from '../../../simulator/sparkplug-edge-node';
import {
  decodePayload,
  type MetricValue,
} from '../../../src/backend/ingest/sparkplug/sparkplug-codec';
import { DataType } from '../../../src/backend/ingest/sparkplug/sparkplug-schema';
import type { CommandRecord, SparkplugDevice } from '../../../src/shared/contract';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { startTestServer, type TestServer } from '../../helpers/test-backend';
import { waitFor } from '../../helpers/wait';
import { stationMetrics } from './support';

let broker: Mosquitto;
let server: TestServer;
let token: string;
let node: SparkplugEdgeNode;
let listener: MqttClient;
/** Every command the fake edge node received: topic, metric name, value. */
const received: {
  topic: string;
  name: string | undefined;
  datatype: number | undefined;
  value: MetricValue | undefined;
}[] = [];
/** What the edge node does with a write: report it as written, report another value, or nothing. */
let behaviour: 'obey' | 'refuse' | 'silent' = 'obey';

beforeAll(async () => {
  broker = await startMosquitto();
  server = await startTestServer({
    ingest: true,
    brokerUrl: broker.url,
    sparkplugHostId: 'lw-cmd',
  });
  token = (await server.setupAdmin()).token;

  node = new SparkplugEdgeNode({ url: broker.url, groupId: 'Plant', edgeNodeId: 'Cmd-Node' });
  node.addDevice('', [
    { name: 'Sensors/Temperature', datatype: DataType.Double, value: 50 },
    { name: 'Commands/Reset', datatype: DataType.Boolean, value: false },
  ]);
  node.addDevice('Station', [
    ...stationMetrics(),
    { name: 'Commands/Start', datatype: DataType.Boolean, value: false },
    { name: 'Commands/Stop', datatype: DataType.Boolean, value: false },
    { name: 'Commands/Rate', datatype: DataType.Float, value: 0 },
  ]);
  await node.connect();

  // The edge node's command handling: decodes NCMD/DCMD and reports the written metric.
  listener = await mqtt.connectAsync(broker.url, { clean: true, reconnectPeriod: 0 });
  listener.on('message', (topic, payload) => {
    const decoded = decodePayload(payload);
    if (!decoded.ok) return;
    for (const metric of decoded.payload.metrics) {
      if (metric.name === 'Node Control/Rebirth') continue;
      received.push({ topic, name: metric.name, datatype: metric.datatype, value: metric.value });
      if (behaviour === 'silent') continue;
      const device = topic.includes('/DCMD/') ? 'Station' : '';
      const value =
        behaviour === 'obey' ? metric.value : typeof metric.value === 'number' ? 0 : false;
      void node.data(device, { [metric.name!]: value as MetricValue });
    }
  });
  await listener.subscribeAsync(['spBv1.0/Plant/DCMD/Cmd-Node/+', 'spBv1.0/Plant/NCMD/Cmd-Node'], {
    qos: 0,
  });
}, 120_000);

afterAll(async () => {
  await listener?.endAsync(true);
  await node?.disconnect().catch(() => undefined);
  await server?.close();
  await broker?.dispose();
});

async function map(deviceId: string, machineId: string, roles: Record<string, string>) {
  await waitFor('the device listed', async () => {
    const { body } = await server.http('sparkplug.devices', {}, token);
    return (body as SparkplugDevice[]).find(
      (device) => device.edgeNodeId === 'Cmd-Node' && device.deviceId === deviceId,
    );
  });
  const { status, body } = await server.http(
    'sparkplug.map',
    { groupId: 'Plant', edgeNodeId: 'Cmd-Node', deviceId, lineId: 'C-L1', machineId, roles },
    token,
  );
  expect(status, JSON.stringify(body)).toBe(200);
}

async function command(machineId: string, name: string, unitsPerMinute?: number) {
  const { status, body } = await server.http(
    'machines.command',
    { machineId, command: name, ...(unitsPerMinute ? { unitsPerMinute } : {}) },
    token,
  );
  expect(status, JSON.stringify(body)).toBe(200);
  return body as CommandRecord;
}

const settled = (id: string, machineId: string) =>
  waitFor(`command ${id} answered`, async () => {
    const { body } = await server.http('commands.list', { machineId }, token);
    const found = (body as CommandRecord[]).find((record) => record.id === id);
    return found && found.status !== 'sent' ? found : undefined;
  });

it('writes mapped command metrics as DCMD/NCMD; reports answer them, silence times out', async () => {
  await map('Station', 'C-M1', {
    'Commands/Start': 'command_start',
    'Commands/Stop': 'command_stop',
    'Commands/Rate': 'command_set_rate',
  });
  await map('', 'C-M0', { 'Commands/Reset': 'command_reset' });
  await waitFor('the rebirths after mapping', () => (node.rebirthRequests >= 2 ? true : undefined));

  // start: a DCMD writing true to Commands/Start, answered by the DDATA reporting it.
  const start = await command('C-M1', 'start');
  expect(await settled(start.id, 'C-M1')).toMatchObject({
    status: 'ok',
    answer: 'Sparkplug: Commands/Start = true',
  });
  expect(received[0]).toEqual({
    topic: 'spBv1.0/Plant/DCMD/Cmd-Node/Station',
    name: 'Commands/Start',
    datatype: DataType.Boolean,
    value: true,
  });

  // set_rate: the units per minute into a Float metric.
  const rate = await command('C-M1', 'set_rate', 42.5);
  expect(await settled(rate.id, 'C-M1')).toMatchObject({ status: 'ok' });
  expect(received.at(-1)).toMatchObject({
    name: 'Commands/Rate',
    datatype: DataType.Float,
    value: 42.5,
  });

  // reset on the node's own metric: an NCMD.
  const reset = await command('C-M0', 'reset');
  expect(await settled(reset.id, 'C-M0')).toMatchObject({ status: 'ok' });
  expect(received.at(-1)).toMatchObject({ topic: 'spBv1.0/Plant/NCMD/Cmd-Node', value: true });

  // The edge node reports another value: the command failed, with what it reported.
  behaviour = 'refuse';
  const refused = await command('C-M1', 'set_rate', 10);
  expect(await settled(refused.id, 'C-M1')).toMatchObject({
    status: 'failed',
    answer: 'Sparkplug: Commands/Rate reported 0 after the command wrote 10',
  });

  // No report at all: timed out after the command timeout, as for JSON commands.
  behaviour = 'silent';
  const silent = await command('C-M1', 'stop');
  await waitFor('the stop written', () =>
    received.some((item) => item.name === 'Commands/Stop') ? true : undefined,
  );
  server.clock.advance(11_000);
  expect(await settled(silent.id, 'C-M1')).toMatchObject({ status: 'timed_out', answer: null });

  // No JSON command went out for these machines, and the command metrics are no telemetry.
  const { body } = await server.http('events.list', { type: 'command.', limit: 50 }, token);
  const types = (body as { events: { type: string }[] }).events.map((event) => event.type);
  expect(types).toEqual(
    expect.arrayContaining([
      'command.sent',
      'command.answered',
      'command.failed',
      'command.timed_out',
    ]),
  );
});

it('a command with no command metric mapped goes out on the JSON protocol, as before', async () => {
  const json = await mqtt.connectAsync(broker.url, { clean: true, reconnectPeriod: 0 });
  try {
    const commands: string[] = [];
    json.on('message', (_topic, payload) => commands.push(payload.toString('utf8')));
    await json.subscribeAsync('factory/+/C-M1/command', { qos: 1 });
    const before = received.length;
    const reset = await command('C-M1', 'reset');
    const sent = await waitFor('the JSON command', () => commands[0]);
    expect(JSON.parse(sent)).toMatchObject({ command_id: reset.id, command: 'reset' });
    expect(received.length).toBe(before);
  } finally {
    await json.endAsync(true);
  }
});
