import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import mqttPacket from 'mqtt-packet';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BrokerSubscriber } from '../../../src/backend/ingest/broker/broker-subscriber';
import { nodeLauncher as launchers } from '../../../src/backend/process/node-launcher';
import type { RawMessage } from '../../../src/backend/store/ingest-messages';
import { connectStore, type StoreClient } from '../../../src/backend/store/store-client';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { waitFor } from '../../helpers/wait';
import { connectPublisher, publishBurst } from './support/publisher';
import { ResultsReader } from './support/results-db';

/**
 * A QoS 1 message is acknowledged only after its batch committed, and never by a later
 * connection than the one that delivered it. Here the subscriber is at its limit of waiting
 * messages (it holds MQTT.js's go-ahead for the next packet) while nothing commits, and the
 * connection drops. The broker redelivers the uncommitted messages under the same packet ids
 * on the next connection: a PUBACK of the old connection sent there would acknowledge one of
 * them before it is stored. A proxy between the subscriber and mosquitto reads every packet
 * the subscriber sends and cuts the connection on demand.
 */

const PREFIX = 'HELD';
const COUNT = 30;
const MAX_WAITING = 10;

interface Sent {
  connection: number;
  cmd: string;
  messageId?: number;
}

let broker: Mosquitto;
let proxy: Server;
const open = new Set<Socket>();
let connections = 0;
const sent: Sent[] = [];
let dataDir: string;
let store: StoreClient;
let reader: ResultsReader;
let subscriber: BrokerSubscriber | null = null;
let publisher: MqttClient | null = null;

beforeAll(async () => {
  broker = await startMosquitto();
  proxy = createServer((client) => {
    connections += 1;
    const connection = connections;
    const upstream = createConnection(broker.port, '127.0.0.1');
    const parser = mqttPacket.parser({ protocolVersion: 4 });
    parser.on('packet', (packet: mqttPacket.Packet) =>
      sent.push({
        connection,
        cmd: packet.cmd,
        messageId: (packet as { messageId?: number }).messageId,
      }),
    );
    client.on('data', (chunk) => parser.parse(chunk));
    client.pipe(upstream).pipe(client);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('close', () => {
        open.delete(socket);
        client.destroy();
        upstream.destroy();
      });
      socket.on('error', () => undefined);
    }
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  dataDir = mkdtempSync(join(tmpdir(), 'linewatch-held-acks-'));
  store = await connectStore(launchers.store(), join(dataDir, 'linewatch.sqlite'));
  await store.setTopicRoot('factory');
  reader = new ResultsReader(dataDir);
});

afterAll(async () => {
  await publisher?.endAsync(true);
  await subscriber?.stop();
  for (const socket of open) socket.destroy();
  await new Promise((resolve) => proxy.close(resolve));
  await store.close();
  reader.close();
  await broker.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

it('never sends a PUBACK held for a closed connection on the next one', async () => {
  const port = (proxy.address() as { port: number }).port;
  let held = false;
  const waiters: (() => void)[] = [];
  const commit = async (messages: RawMessage[]) => {
    while (held) await new Promise<void>((resolve) => waiters.push(resolve));
    return store.ingestBatch(messages);
  };
  const states: string[] = [];
  const current = new BrokerSubscriber(
    { url: `mqtt://127.0.0.1:${port}`, topicRoot: 'factory' },
    'linewatch-held-acks',
    commit,
    {
      state: (state) => states.push(state),
      committed: () => undefined,
      commitFailed: () => undefined,
    },
    Date.now,
    MAX_WAITING,
  );
  subscriber = current;
  current.start();
  await waitFor('the subscriber to connect', () => (current.isConnected() ? true : undefined));
  const client = await connectPublisher(broker.url, 'held-acks-publisher');
  publisher = client;
  // The subscription follows the connection: a probe stored says it is in place.
  await waitFor(
    'the subscription',
    async () => {
      await publishBurst(client, 'PROBE', 1);
      return reader.count('PROBE') > 0 ? true : undefined;
    },
    { everyMs: 200 },
  );
  await waitFor('the probe acknowledged', () => sent.some((packet) => packet.cmd === 'puback'));

  held = true;
  const acksBefore = sent.filter((packet) => packet.cmd === 'puback').length;
  await publishBurst(client, PREFIX, COUNT);
  await waitFor('the subscriber at its limit', () => current.waiting >= MAX_WAITING);
  expect(sent.filter((packet) => packet.cmd === 'puback')).toHaveLength(acksBefore);

  // The connection drops and the subscriber connects again. MQTT.js sends what it queued
  // while offline as the connection opens, before the subscriber hears of it ('connected'),
  // and writes it out on the next tick; the proxy, in this process, has read it once an
  // event loop turn has passed. The broker redelivers: the first message reaches the subscriber.
  const waitingAtCut = current.waiting;
  for (const socket of open) socket.destroy();
  await waitFor(
    'the second connection',
    () => states.filter((state) => state === 'connected').length === 2 && connections === 2,
  );
  await waitFor('a redelivered message', () => current.waiting > waitingAtCut);
  for (let turn = 0; turn < 3; turn += 1) await new Promise((resolve) => setImmediate(resolve));
  expect(sent.filter((packet) => packet.cmd === 'puback')).toHaveLength(acksBefore);

  held = false;
  for (const resume of waiters.splice(0)) resume();
  await waitFor(`all ${COUNT} results to be stored`, () =>
    reader.count(PREFIX) === COUNT ? true : undefined,
  );
  expect(reader.distinct(PREFIX)).toBe(COUNT);
  // Committed on the second connection: acknowledged there, each packet id once.
  const acks = await waitFor('the acknowledgements', () => {
    const second = sent.filter((packet) => packet.connection === 2 && packet.cmd === 'puback');
    return second.length >= COUNT ? second : undefined;
  });
  expect(new Set(acks.map((ack) => ack.messageId)).size).toBe(acks.length);
});
