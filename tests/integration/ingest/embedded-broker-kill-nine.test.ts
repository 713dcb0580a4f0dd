import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort } from '../../helpers/mosquitto';
import { groupMembers, startConsole, type ConsoleProcess } from './support/console-process';
import { connectPublisher, probeUntilStored, publishBurst } from './support/publisher';
import { barcodeOf } from './support/payloads';
import { ResultsReader } from './support/results-db';
import { waitUntilSettled } from './support/wait';
import { waitFor } from '../../helpers/wait';

/**
 * The embedded broker is the plant's broker in a small plant: what it acknowledged must
 * survive the whole app dying at once. Console mode (with its store and broker processes) is
 * killed with SIGKILL as a group while 50,000 QoS 1 results flow, and started again on the
 * same data folder and port: every result the publisher saw acknowledged is stored, once.
 */

const TOTAL = 50_000;
const PREFIX = 'EK9';

let dataDir: string;
let reader: ResultsReader;
let publisher: MqttClient | null = null;
const consoles: ConsoleProcess[] = [];

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'linewatch-embedded-kill9-'));
  reader = new ResultsReader(dataDir);
});

afterAll(async () => {
  await publisher?.endAsync(true);
  for (const running of consoles) {
    for (const pid of groupMembers(running.pid)) process.kill(pid, 'SIGKILL');
    await running.kill9();
  }
  reader.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('stores every result the embedded broker acknowledged, once, after the whole app is killed', async () => {
  const port = await freePort();
  const url = `mqtt://127.0.0.1:${port}`;
  const first = await startConsole({ dataDir, embeddedBrokerPort: port, ownGroup: true });
  consoles.push(first);
  const client = await connectPublisher(url, 'embedded-kill9-publisher');
  publisher = client;
  await probeUntilStored(client, 'PROBE1', () => reader.count('PROBE1') === 1);

  const acked = new Set<number>();
  const burst = publishBurst(client, PREFIX, TOTAL, { onAcked: (index) => acked.add(index) });

  // Kill once a tenth is stored, while the broker holds acknowledged results Linewatch has
  // not stored yet (the test proves nothing otherwise).
  await waitFor(
    'a tenth of the results stored, with more acknowledged than stored',
    () => {
      const stored = reader.count(PREFIX);
      return stored >= TOTAL * 0.1 && acked.size > stored + 500 ? true : undefined;
    },
    { timeoutMs: 90_000, everyMs: 5 },
  );
  await first.killGroup();
  const ackedAtKill = new Set(acked);
  const storedAtKill = reader.count(PREFIX);
  console.log(
    `kill -9 of the group: ${ackedAtKill.size} acknowledged, ${storedAtKill} stored ` +
      `(${ackedAtKill.size - storedAtKill} only in the broker's keeping)`,
  );
  expect(storedAtKill).toBeLessThan(ackedAtKill.size);

  const second = await startConsole({ dataDir, embeddedBrokerPort: port, ownGroup: true });
  consoles.push(second);
  // MQTT.js reconnects on its own and sends again what was not acknowledged.
  await burst;
  const stored = await waitUntilSettled('the count to stop growing', () => reader.count(PREFIX), {
    quietMs: 3000,
    timeoutMs: 120_000,
    target: TOTAL,
  });
  await waitUntilSettled('no late redeliveries', () => reader.count(PREFIX), { quietMs: 1500 });

  const barcodes = new Set(reader.barcodes(PREFIX));
  const lost = [...ackedAtKill].filter((index) => !barcodes.has(barcodeOf(PREFIX, index)));
  expect(lost, `${lost.length} acknowledged results lost`).toEqual([]);
  expect(stored).toBe(TOTAL);
  expect(reader.count(PREFIX)).toBe(TOTAL);
  expect(reader.distinct(PREFIX)).toBe(TOTAL);
  expect(existsSync(join(dataDir, 'broker.sqlite'))).toBe(true);
  await second.stop();
  // Two starts of console mode and 50,000 results: over a minute on a busy 2-core machine.
}, 300_000);
