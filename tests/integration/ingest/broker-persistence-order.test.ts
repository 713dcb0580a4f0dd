import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  startEmbeddedBroker,
  type EmbeddedBroker,
} from '../../../src/backend/ingest/broker/embedded-broker';
import { connectPublisher } from './support/publisher';
import { waitFor } from '../../helpers/wait';

/**
 * The embedded broker on its file delivers every message of a publisher that mixes QoS 2 and
 * QoS 1. A client's QoS 2 message waits for its queue rows to be committed before aedes routes
 * it; a QoS 1 message right behind it was written in authorizePublish (held) and does not. Routed
 * first, the QoS 1 message (the higher broker counter) made aedes' per-client dedupe drop the
 * QoS 2 one for every subscriber: it was acknowledged to the publisher and never delivered.
 */

let folder: string;
let broker: EmbeddedBroker;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'linewatch-broker-order-'));
  broker = await startEmbeddedBroker(0, '127.0.0.1', { file: join(folder, 'broker.sqlite') });
});

afterAll(async () => {
  await broker?.close();
  rmSync(folder, { recursive: true, force: true });
});

it('delivers a QoS 2 message followed at once by a QoS 1 one to a persistent session', async () => {
  const subscriber = mqtt.connect(broker.url, {
    clientId: 'linewatch-order',
    clean: false,
    protocolVersion: 4,
  });
  await new Promise<void>((resolve) => subscriber.once('connect', () => resolve()));
  await subscriber.subscribeAsync('factory/+/+/test', { qos: 1 });
  const received: string[] = [];
  subscriber.on('message', (_topic, payload) => received.push(payload.toString()));
  const publisher = await connectPublisher(broker.url, 'machine-order');
  try {
    const sent: string[] = [];
    for (let round = 0; round < 20; round += 1) {
      const exactlyOnce = `qos2-${round}`;
      const atLeastOnce = `qos1-${round}`;
      sent.push(exactlyOnce, atLeastOnce);
      await Promise.all([
        publisher.publishAsync('factory/L1/M1/test', exactlyOnce, { qos: 2 }),
        publisher.publishAsync('factory/L1/M1/test', atLeastOnce, { qos: 1 }),
      ]);
    }
    // Every publication was acknowledged (PUBCOMP / PUBACK): each must reach the session.
    // On a timeout the expectation below names the missing messages.
    await waitFor(
      'every acknowledged message to be delivered',
      () => (sent.every((each) => received.includes(each)) ? true : undefined),
      { timeoutMs: 10_000 },
    ).catch(() => undefined);
    expect(sent.filter((each) => !received.includes(each))).toEqual([]);
  } finally {
    await publisher.endAsync(true);
    await subscriber.endAsync(true);
  }
});
