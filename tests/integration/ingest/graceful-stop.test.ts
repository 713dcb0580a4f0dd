import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { startConsole, type ConsoleProcess } from './support/console-process';
import { connectPublisher, probeUntilStored, publishBurst } from './support/publisher';
import { ResultsReader } from './support/results-db';
import { waitUntilSettled } from './support/wait';
import { waitFor } from '../../helpers/wait';

const TOTAL = 30_000;
const PREFIX = 'TERM';

let broker: Mosquitto;
let dataDir: string;
let reader: ResultsReader;
let publisher: MqttClient | null = null;
const consoles: ConsoleProcess[] = [];

beforeAll(async () => {
  broker = await startMosquitto();
  dataDir = mkdtempSync(join(tmpdir(), 'linewatch-sigterm-'));
  reader = new ResultsReader(dataDir);
});

afterAll(async () => {
  await publisher?.endAsync(true);
  for (const running of consoles) await running.kill9();
  reader.close();
  await broker.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

it('stops on SIGTERM mid-stream without waiting out the backlog, and loses nothing', async () => {
  const first = await startConsole({ dataDir, brokerUrl: broker.url });
  consoles.push(first);
  const client = await connectPublisher(broker.url, 'sigterm-publisher');
  publisher = client;
  await probeUntilStored(client, 'PROBE', () => reader.count('PROBE') === 1);

  const burst = publishBurst(client, PREFIX, TOTAL);
  await waitFor(
    'a tenth to be stored',
    () => (reader.count(PREFIX) >= TOTAL / 10 ? true : undefined),
    {
      everyMs: 5,
    },
  );
  const stopping = performance.now();
  await first.stop();
  const stopMs = performance.now() - stopping;
  const storedAtExit = reader.count(PREFIX);
  expect(first.output()).not.toMatch(/commit failed|could not/i);
  expect(reader.eventTypes('broker.').at(-1)).toBe('broker.stopped');

  const second = await startConsole({ dataDir, brokerUrl: broker.url });
  consoles.push(second);
  await burst;
  const stored = await waitUntilSettled('the count to stop growing', () => reader.count(PREFIX), {
    target: TOTAL,
    timeoutMs: 90_000,
  });
  console.log(`SIGTERM mid-stream: exited in ${Math.round(stopMs)} ms with ${storedAtExit} stored`);
  expect(stopMs).toBeLessThan(20_000);
  // Stopping commits what was already received, not the rest of the broker's queue: the burst
  // was still being published when SIGTERM came (10 % stored), so some must remain for later.
  expect(storedAtExit).toBeLessThan(TOTAL);
  expect(stored).toBe(TOTAL);
  expect(reader.distinct(PREFIX)).toBe(TOTAL);
  await second.stop();
});
