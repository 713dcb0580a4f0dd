import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { startConsole, type ConsoleProcess } from './support/console-process';
import { barcodeOf } from './support/payloads';
import { connectPublisher, probeUntilStored, SteadyProducer } from './support/publisher';
import { ResultsReader } from './support/results-db';
import { sleep, waitUntilSettled } from './support/wait';
import { waitFor } from '../../helpers/wait';

const PREFIX = 'OUT';
const PER_SECOND = 400;
const OUTAGE_MS = 10_000;

let broker: Mosquitto;
let dataDir: string;
let reader: ResultsReader;
let linewatch: ConsoleProcess | null = null;
let publisher: MqttClient | null = null;

beforeAll(async () => {
  broker = await startMosquitto();
  dataDir = mkdtempSync(join(tmpdir(), 'linewatch-outage-'));
  reader = new ResultsReader(dataDir);
});

afterAll(async () => {
  await publisher?.endAsync(true);
  await linewatch?.stop();
  reader.close();
  await broker.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

it('stores every message exactly once across a 10 s broker outage', async () => {
  linewatch = await startConsole({ dataDir, brokerUrl: broker.url });
  const client = await connectPublisher(broker.url, 'outage-publisher');
  publisher = client;
  await probeUntilStored(client, 'PROBE', () => reader.count('PROBE') === 1);

  const producer = new SteadyProducer(client, PREFIX, PER_SECOND);
  producer.start();
  await waitFor('results to flow before the outage', () =>
    reader.count(PREFIX) >= PER_SECOND ? true : undefined,
  );

  await broker.stop();
  const producedAtStop = producer.produced;
  await sleep(OUTAGE_MS); // the outage itself, not an assertion
  const producedDuringOutage = producer.produced - producedAtStop;
  await broker.start();

  // Keep producing until Linewatch is back and has stored something produced after the restart.
  const afterRestart = producer.produced;
  await waitFor(
    'Linewatch to store results produced after the restart',
    () =>
      reader.scalar('SELECT 1 FROM test_results WHERE barcode = ?', barcodeOf(PREFIX, afterRestart))
        ? true
        : undefined,
    { timeoutMs: 60_000, everyMs: 200 },
  );
  const produced = await producer.stop();
  const stored = await waitUntilSettled('everything to drain', () => reader.count(PREFIX), {
    target: produced,
    quietMs: 5000,
    timeoutMs: 60_000,
  });
  await waitUntilSettled('no late redeliveries', () => reader.count(PREFIX), { quietMs: 1500 });

  console.log(
    `broker outage: produced ${produced} (${producedDuringOutage} while mosquitto was down), ` +
      `stored ${stored}, ${producer.retries} publish retries`,
  );
  expect(producedDuringOutage).toBeGreaterThan(PER_SECOND * 5);
  const expected = Array.from({ length: produced }, (_, index) => barcodeOf(PREFIX, index));
  expect(reader.barcodes(PREFIX).sort()).toEqual(expected);
  expect(reader.count(PREFIX)).toBe(produced);
  expect(reader.distinct(PREFIX)).toBe(produced);

  const states = reader.eventTypes('broker.');
  console.log(`broker outage: event log ${states.join(' > ')}`);
  const firstOffline = states.findIndex(
    (type) => type === 'broker.offline' || type === 'broker.reconnecting',
  );
  expect(states.indexOf('broker.connected')).toBeGreaterThanOrEqual(0);
  expect(firstOffline).toBeGreaterThan(states.indexOf('broker.connected'));
  expect(states).toContain('broker.reconnecting');
  expect(states.slice(firstOffline)).toContain('broker.connected');
});
