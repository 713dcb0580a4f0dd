import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BrokerSubscriber } from '../../../src/backend/ingest/broker/broker-subscriber';
import { nodeLauncher as launchers } from '../../../src/backend/process/node-launcher';
import { connectStore, type StoreClient } from '../../../src/backend/store/store-client';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { connectPublisher, probeUntilStored, publishBurst } from './support/publisher';
import { ResultsReader } from './support/results-db';
import { sleep } from './support/wait';
import { waitFor } from '../../helpers/wait';

/**
 * A broker with no in-flight limit (as the test broker is configured, and as aedes is) sends
 * as fast as it can; a store slower than that must not let received messages pile up in
 * memory. The subscriber stops reading the socket at its limit and resumes when half are
 * committed; every message is still stored once.
 */

const PREFIX = 'BP';
const COUNT = 8000;
const MAX_WAITING = 500;
/** A slow disk: each commit takes this much longer than the store needs. */
const SLOW_COMMIT_MS = 25;

let broker: Mosquitto;
let dataDir: string;
let store: StoreClient;
let reader: ResultsReader;
let subscriber: BrokerSubscriber | null = null;
let publisher: MqttClient | null = null;

beforeAll(async () => {
  broker = await startMosquitto();
  dataDir = mkdtempSync(join(tmpdir(), 'linewatch-backpressure-'));
  store = await connectStore(launchers.store(), join(dataDir, 'linewatch.sqlite'));
  await store.setTopicRoot('factory');
  reader = new ResultsReader(dataDir);
});

afterAll(async () => {
  await publisher?.endAsync(true);
  await subscriber?.stop();
  await store.close();
  reader.close();
  await broker.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

it('stops reading the broker while too many messages wait, and stores every one once', async () => {
  let mostWaiting = 0;
  let commits = 0;
  const current = () => subscriber!;
  subscriber = new BrokerSubscriber(
    { url: broker.url, topicRoot: 'factory' },
    'linewatch-backpressure',
    async (messages) => {
      mostWaiting = Math.max(mostWaiting, current().waiting);
      commits += 1;
      await sleep(SLOW_COMMIT_MS);
      return store.ingestBatch(messages);
    },
    { state: () => undefined, committed: () => undefined, commitFailed: () => undefined },
    Date.now,
    MAX_WAITING,
  );
  subscriber.start();
  await waitFor('the subscriber to connect', () => (current().isConnected() ? true : undefined));
  publisher = await connectPublisher(broker.url, 'backpressure-publisher');
  // The subscription follows the connection: a probe stored says it is in place.
  await probeUntilStored(publisher, 'PROBE', () => reader.count('PROBE') === 1);
  const sampling = setInterval(() => {
    mostWaiting = Math.max(mostWaiting, current().waiting);
  }, 1);
  try {
    await publishBurst(publisher, PREFIX, COUNT, { window: 4000 });
    await waitFor(
      `all ${COUNT} results to be stored`,
      () => (reader.count(PREFIX) === COUNT ? true : undefined),
      { timeoutMs: 60_000 },
    );
  } finally {
    clearInterval(sampling);
  }

  expect(reader.distinct(PREFIX)).toBe(COUNT);
  // The limit held, and was reached: the store really was the slower side.
  expect(mostWaiting).toBeLessThanOrEqual(MAX_WAITING);
  expect(mostWaiting).toBeGreaterThanOrEqual(MAX_WAITING * 0.9);
  expect(commits).toBeGreaterThanOrEqual(COUNT / MAX_WAITING);
});
