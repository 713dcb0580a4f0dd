import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import {
  startEmbeddedBroker,
  type EmbeddedBroker,
} from '../../../src/backend/ingest/broker/embedded-broker';
import {
  Packet,
  type StoredPacket,
} from '../../../src/backend/ingest/broker/persistence/aedes-parts';
import { SqlitePersistence } from '../../../src/backend/ingest/broker/persistence/sqlite-persistence';

/**
 * What the embedded broker's file keeps: everything a broker that was killed must find again,
 * read back by a new persistence on the same file (the first one never closed, as after
 * kill -9), and the order aedes needs: a QoS 1 message is on disk before its PUBACK.
 */

let folder: string;
let files = 0;
const opened: SqlitePersistence[] = [];
const clients: MqttClient[] = [];
const brokers: EmbeddedBroker[] = [];

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'linewatch-broker-file-'));
});
afterEach(async () => {
  for (const client of clients.splice(0)) await client.endAsync(true);
  for (const broker of brokers.splice(0)) await broker.close();
});
afterAll(async () => {
  for (const persistence of opened) await persistence.destroy().catch(() => undefined);
  rmSync(folder, { recursive: true, force: true });
});

const newFile = () => join(folder, `broker-${++files}.sqlite`);

async function open(file: string, brokerId: string): Promise<SqlitePersistence> {
  const persistence = new SqlitePersistence({ file });
  opened.push(persistence);
  await persistence.setup({ id: brokerId });
  return persistence;
}

async function all<T>(stream: AsyncIterable<unknown>): Promise<T[]> {
  const found: T[] = [];
  for await (const item of stream) found.push(item as T);
  return found;
}

const publish = (topic: string, text: string, extra: Partial<StoredPacket> = {}): StoredPacket => ({
  cmd: 'publish',
  topic,
  payload: Buffer.from(text),
  qos: 1,
  retain: false,
  dup: false,
  ...extra,
});

it('gives a new broker the sessions, queues, retained messages and wills the killed one stored', async () => {
  const file = newFile();
  const broker = { id: 'first', counter: 0 };
  const before = await open(file, broker.id);
  const linewatch = { id: 'linewatch-subscriber' };
  const machine = { id: 'machine-1' };
  await before.addSubscriptions(linewatch, [{ topic: 'factory/+/+/test', qos: 1 }]);
  // A QoS 1 message acknowledged and published (queued), one acknowledged only (the broker
  // died before publishing it), one delivered and acknowledged by the subscriber.
  const queued = publish('factory/L1/M1/test', 'queued');
  await before.holdUntilDurable(queued);
  const subs = await before.subscriptionsByTopic(queued.topic);
  await before.outgoingEnqueueCombi(subs, new Packet(queued, broker));
  await before.holdUntilDurable(publish('factory/L1/M1/test', 'acknowledged only'));
  const delivered = publish('factory/L1/M1/test', 'delivered');
  await before.holdUntilDurable(delivered);
  await before.outgoingEnqueueCombi(subs, new Packet(delivered, broker));
  // (The message only held is not in this broker's memory queue: it never published it.)
  const [, inFlight] = await all<StoredPacket>(before.outgoingStream(linewatch));
  expect(inFlight?.payload.toString()).toBe('delivered');
  await before.outgoingUpdate(linewatch, { ...inFlight!, messageId: 7 });
  await before.outgoingClearMessageId(linewatch, { messageId: 7 });
  const state = publish('factory/L1/M1/state', 'running', { retain: true });
  await before.holdUntilDurable(state);
  await before.storeRetained(new Packet(state, broker));
  await before.outgoingEnqueueCombi([], new Packet(state, broker));
  await before.putWill(machine, publish('factory/L1/M1/state', 'offline', { retain: true }));
  await before.incomingStorePacket(
    machine,
    publish('factory/L1/M1/test', 'qos 2', { qos: 2, messageId: 42 }),
  );
  // The removal of an acknowledged message is not waited for; let it reach the file.
  await new Promise((resolve) => setImmediate(resolve));

  const after = await open(file, 'second');
  expect(await after.subscriptionsByClient(linewatch)).toEqual([
    { topic: 'factory/+/+/test', qos: 1, rh: undefined, rap: undefined, nl: undefined },
  ]);
  expect((await after.subscriptionsByTopic('factory/L2/M9/test')).map((s) => s.clientId)).toEqual([
    linewatch.id,
  ]);
  const restored = await all<StoredPacket>(after.outgoingStream(linewatch));
  expect(restored.map((packet) => packet.payload.toString())).toEqual([
    'queued',
    'acknowledged only',
  ]);
  // Each restored message can be sent and acknowledged as aedes does it.
  for (const [index, packet] of restored.entries()) {
    await after.outgoingUpdate(linewatch, { ...packet, messageId: 100 + index });
  }
  expect(
    (await after.outgoingClearMessageId(linewatch, { messageId: 101 }))?.payload.toString(),
  ).toBe('acknowledged only');
  const retained = await all<StoredPacket>(after.createRetainedStream('factory/#'));
  expect(retained.map((packet) => packet.payload.toString())).toEqual(['running']);
  expect((await after.getWill(machine))?.payload.toString()).toBe('offline');
  expect(
    (
      await after.incomingGetPacket(machine, publish('x', '', { messageId: 42 }))
    ).payload.toString(),
  ).toBe('qos 2');
});

it('has a QoS 1 message on disk before the publisher gets its PUBACK', async () => {
  const file = newFile();
  const broker = await startEmbeddedBroker(0, '127.0.0.1', { file });
  brokers.push(broker);
  // Linewatch's session, subscribed and then away: what is published now is queued for it.
  const subscriber = await mqtt.connectAsync(broker.url, {
    clientId: 'away-subscriber',
    clean: false,
    protocolVersion: 4,
  });
  await subscriber.subscribeAsync('factory/+/+/test', { qos: 1 });
  await subscriber.endAsync();
  const publisher = await mqtt.connectAsync(broker.url, {
    clientId: 'machine',
    protocolVersion: 4,
  });
  clients.push(publisher);
  const reader = new Database(file, { readonly: true });
  try {
    const onDisk = () => reader.prepare('SELECT count(*) FROM outgoing').pluck().get() as number;
    for (let index = 1; index <= 20; index += 1) {
      // Read in the PUBACK's own callback, before anything else of the broker can run.
      const countAtPuback = await new Promise<number>((resolve, reject) =>
        publisher.publish('factory/L1/M1/test', `result ${index}`, { qos: 1 }, (error) =>
          error ? reject(error) : resolve(onDisk()),
        ),
      );
      expect(countAtPuback).toBe(index);
    }
  } finally {
    reader.close();
  }
});

it('sets a damaged file aside and starts with a new one', async () => {
  const file = newFile();
  writeFileSync(file, 'not a database '.repeat(500));
  const broker = await startEmbeddedBroker(0, '127.0.0.1', { file });
  brokers.push(broker);
  const aside = readdirSync(folder).filter((name) => name.startsWith(`${basename(file)}.damaged-`));
  expect(aside).toHaveLength(1);
  expect(readFileSync(join(folder, aside[0]!), 'utf8')).toMatch(/^not a database/);
  const client = await mqtt.connectAsync(broker.url, { clientId: 'after-damage', clean: false });
  clients.push(client);
  await client.subscribeAsync('factory/#', { qos: 1 });
  const reader = new Database(file, { readonly: true });
  try {
    expect(reader.prepare('SELECT count(*) FROM subscriptions').pluck().get()).toBe(1);
  } finally {
    reader.close();
  }
});
