import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { isAlive, startConsole, type ConsoleProcess } from './support/console-process';
import { connectPublisher, publishBurst } from './support/publisher';
import { ResultsReader } from './support/results-db';
import { rate, waitUntilSettled } from './support/wait';
import { waitFor } from '../../helpers/wait';

const TOTAL = 50_000;
const PREFIX = 'K9';

let broker: Mosquitto;
let dataDir: string;
let reader: ResultsReader;
let publisher: MqttClient | null = null;
const consoles: ConsoleProcess[] = [];

beforeAll(async () => {
  broker = await startMosquitto();
  dataDir = mkdtempSync(join(tmpdir(), 'linewatch-kill9-'));
  reader = new ResultsReader(dataDir);
});

afterAll(async () => {
  await publisher?.endAsync(true);
  for (const running of consoles) {
    for (const child of running.children()) process.kill(child, 'SIGKILL');
    await running.kill9();
  }
  reader.close();
  await broker.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Publishes one result and waits until it is stored: the subscription is in place. */
async function provePipeline(client: MqttClient, prefix: string): Promise<void> {
  await publishBurst(client, prefix, 1);
  await waitFor(`probe ${prefix} to be stored`, () =>
    reader.count(prefix) === 1 ? true : undefined,
  );
}

it('loses nothing and stores nothing twice when console mode is killed with SIGKILL mid-stream', async () => {
  const first = await startConsole({ dataDir, brokerUrl: broker.url });
  consoles.push(first);
  const client = await connectPublisher(broker.url, 'kill9-publisher');
  publisher = client;
  await provePipeline(client, 'PROBE1');

  const started = performance.now();
  const burst = publishBurst(client, PREFIX, TOTAL);

  // Kill once 10 % are stored: batches of up to 2000 make the next poll land well below 40 %.
  const storedAtKill = await waitFor(
    'a tenth of the results to be stored',
    () => {
      const stored = reader.count(PREFIX);
      return stored >= TOTAL * 0.1 ? stored : undefined;
    },
    { timeoutMs: 60_000, everyMs: 5 },
  );
  const storeProcesses = first.storeProcesses();
  expect(storeProcesses).toHaveLength(1);
  await first.kill9();
  const killedAt = performance.now();
  const killedStored = reader.count(PREFIX);
  console.log(
    `kill -9 at ${storedAtKill} stored (${((storedAtKill / TOTAL) * 100).toFixed(1)} %), ` +
      `${killedStored} committed when it died; store process ${storeProcesses.join(', ')}`,
  );
  expect(storedAtKill / TOTAL).toBeLessThanOrEqual(0.4);

  // The store process exits when its parent's IPC channel goes away; if not, it would keep the
  // database open as an orphan. Kill it so the test can go on, but record the failure.
  const orphans = await waitFor(
    'the store process to exit after its parent was killed',
    () => {
      const alive = storeProcesses.filter(isAlive);
      return alive.length === 0 ? [] : undefined;
    },
    { timeoutMs: 10_000 },
  ).catch(() => storeProcesses.filter(isAlive));
  for (const pid of orphans) process.kill(pid, 'SIGKILL');

  const second = await startConsole({ dataDir, brokerUrl: broker.url });
  consoles.push(second);
  const published = await burst;
  const stored = await waitUntilSettled('the count to stop growing', () => reader.count(PREFIX), {
    quietMs: 3000,
    timeoutMs: 90_000,
    target: TOTAL,
  });
  const doneAt = performance.now();
  // Nothing late may arrive after the target: give it a moment and look again.
  await waitUntilSettled('no late redeliveries', () => reader.count(PREFIX), { quietMs: 1500 });

  console.log(
    `kill-9: published ${TOTAL} in ${((published.finishedAt - published.startedAt) / 1000).toFixed(1)} s ` +
      `(${rate(TOTAL, published.finishedAt - published.startedAt)} msg/s), ${stored} stored ` +
      `${((doneAt - started) / 1000).toFixed(1)} s after the first publish ` +
      `(${rate(TOTAL, doneAt - started)} msg/s overall, ${((doneAt - killedAt) / 1000).toFixed(1)} s after the kill)`,
  );
  expect(orphans).toEqual([]);
  expect(stored).toBe(TOTAL);
  expect(reader.count(PREFIX)).toBe(TOTAL);
  expect(reader.distinct(PREFIX)).toBe(TOTAL);
  expect(killedStored).toBeLessThan(TOTAL);
  await second.stop();
});
