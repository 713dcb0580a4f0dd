// One server per area against one broker: `--lines` limits what a server reads. Two built
// servers on one mosquitto, one for L1 and one for L2, each storing only its own line, even
// when the L1 server's persistent session still holds an all-lines subscription from before.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { ensureServerBundle, spawnServer, type ServerProcess } from '../../helpers/server-process';
import { connectPublisher } from '../ingest/support/publisher';
import { ResultsReader } from '../ingest/support/results-db';
import { waitFor } from '../../helpers/wait';

let broker: Mosquitto;
let publisher: MqttClient;
const dataDirs: string[] = [];
const readers: ResultsReader[] = [];
const running: ServerProcess[] = [];

beforeAll(async () => {
  ensureServerBundle();
  broker = await startMosquitto();
  publisher = await connectPublisher(broker.url, 'line-scope-publisher');
}, 120_000);

afterAll(async () => {
  await publisher?.endAsync(true);
  for (const server of running) await server.stop();
  for (const reader of readers) reader.close();
  await broker?.dispose();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

function area(): { dataDir: string; reader: ResultsReader } {
  const dataDir = mkdtempSync(join(tmpdir(), 'linewatch-area-'));
  dataDirs.push(dataDir);
  const reader = new ResultsReader(dataDir);
  readers.push(reader);
  return { dataDir, reader };
}

async function startServer(dataDir: string, lines: string[]): Promise<ServerProcess> {
  const server = await spawnServer([
    '--port',
    '0',
    '--data-dir',
    dataDir,
    '--broker',
    broker.url,
    ...(lines.length ? ['--lines', lines.join(',')] : []),
  ]);
  running.push(server);
  return server;
}

/** Every message gets its own index: the store keeps one result per machine, step and time. */
let nextIndex = 0;

/** Test results of machines `<line>-M0`…`<line>-M3`, barcodes `<prefix>-<n>`. */
async function publish(prefix: string, lineId: string, count: number): Promise<void> {
  for (let sent = 0; sent < count; sent += 1) {
    const index = nextIndex++;
    const machineId = `${lineId}-M${index % 4}`;
    const body = {
      barcode: `${prefix}-${index}`,
      machine_id: machineId,
      product_id: 'PROD-A',
      test_step: 'voltage_test',
      measured_value: 80 + (index % 100) / 10,
      timestamp: Date.UTC(2026, 10, 22, 10) + index,
    };
    await publisher.publishAsync(`factory/${lineId}/${machineId}/test`, JSON.stringify(body), {
      qos: 1,
    });
  }
}

/** Publishes probes until one is stored: the server's subscriptions are in place. */
async function subscribed(reader: ResultsReader, prefix: string, lineId: string): Promise<void> {
  await waitFor(
    `${prefix} on ${lineId} to be stored`,
    async () => {
      if (reader.count(prefix) > 0) return true;
      await publish(prefix, lineId, 1);
      return undefined;
    },
    { timeoutMs: 60_000, everyMs: 250 },
  );
}

it('stores only the lines a server is limited to, with one server per area on the same broker', async () => {
  const east = area();
  const west = area();

  // The L1 server first ran unlimited: its persistent session subscribed to every line.
  const unlimited = await startServer(east.dataDir, []);
  await subscribed(east.reader, 'EARLY', 'L2');
  expect((await unlimited.stop()).code).toBe(0);
  running.splice(running.indexOf(unlimited), 1);
  // Queued at the broker for that session while the server is down.
  await publish('QUEUED', 'L2', 20);

  const l1 = await startServer(east.dataDir, ['L1']);
  expect(l1.output()).toContain('reading only lines L1');
  const l2 = await startServer(west.dataDir, ['L2']);
  await subscribed(east.reader, 'PROBE1', 'L1');
  await subscribed(west.reader, 'PROBE2', 'L2');

  await publish('MIXED-L2', 'L2', 30);
  await publish('MIXED-L1', 'L1', 30);
  // Published last: once each server has stored its own marker, everything before has arrived.
  await publish('LAST-L2', 'L2', 1);
  await publish('LAST-L1', 'L1', 1);
  await waitFor(
    'each server to store its own line',
    () =>
      east.reader.count('LAST-L1') === 1 && west.reader.count('LAST-L2') === 1 ? true : undefined,
    { timeoutMs: 60_000 },
  ).catch((error: Error) => {
    throw new Error(`${error.message}\nL1 server:\n${l1.output()}\nL2 server:\n${l2.output()}`);
  });

  expect(east.reader.count('MIXED-L1')).toBe(30);
  expect(west.reader.count('MIXED-L2')).toBe(30);
  // Nothing of the other area, neither live nor queued from the old all-lines session.
  expect(east.reader.scalar("SELECT count(*) FROM test_results WHERE line_id <> 'L1'")).toBe(
    east.reader.count('EARLY'),
  );
  expect(east.reader.count('QUEUED')).toBe(0);
  expect(east.reader.count('MIXED-L2')).toBe(0);
  expect(west.reader.scalar("SELECT count(*) FROM test_results WHERE line_id <> 'L2'")).toBe(0);
});
