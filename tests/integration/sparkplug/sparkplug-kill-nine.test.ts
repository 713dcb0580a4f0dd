// Ack-after-commit for Sparkplug B against a real mosquitto (max_queued_messages 0): an edge
// node streams DDATA by alias while the store process is killed with SIGKILL; the supervisor
// starts a new one, which reads back the edge-node sessions committed with the data (aliases,
// seq, remembered fields: migration 0019), so the batches the backend hands it again (never
// acknowledged) are decoded as before: every message is stored exactly once, none dead-lettered.
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SparkplugEdgeNode } from '../../../simulator/sparkplug-edge-node';
import type { EventPage, SparkplugDevice } from '../../../src/shared/contract';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { startTestServer, type TestServer } from '../../helpers/test-backend';
import { waitFor } from '../../helpers/wait';
import { childrenOf, commandOf, opensFile } from '../ingest/support/console-process';
import { waitUntilSettled } from '../ingest/support/wait';
import { query, stationMetrics } from './support';

const TOTAL = 3000;

let broker: Mosquitto;
let server: TestServer;
let token: string;
let node: SparkplugEdgeNode | null = null;

beforeAll(async () => {
  broker = await startMosquitto();
  server = await startTestServer({
    ingest: true,
    brokerUrl: broker.url,
    sparkplugHostId: 'lw-kill',
  });
  token = (await server.setupAdmin()).token;
}, 120_000);

afterAll(async () => {
  await node?.disconnect().catch(() => undefined);
  await server?.close();
  await broker?.dispose();
});

/** The store process with this server's database open (its spare has nothing open). */
function storeProcess(): number | undefined {
  const database = join(server.dataDir, 'linewatch.sqlite');
  return childrenOf(process.pid).find(
    (pid) => commandOf(pid).includes('store-process') && opensFile(pid, database),
  );
}

const count = (sql: string) => query<{ n: number }>(server.dataDir, sql)[0]?.n ?? 0;

it('kill -9 of the store process mid-stream: every Sparkplug message stored exactly once', async () => {
  const edge = new SparkplugEdgeNode({
    url: broker.url,
    groupId: 'Plant',
    edgeNodeId: 'Kill-Node',
  });
  node = edge;
  edge.addDevice('Station', stationMetrics());
  await edge.connect();
  await waitFor('the station listed', async () => {
    const { body } = await server.http('sparkplug.devices', {}, token);
    return (body as SparkplugDevice[]).find((device) => device.edgeNodeId === 'Kill-Node');
  });
  const mapped = await server.http(
    'sparkplug.map',
    {
      groupId: 'Plant',
      edgeNodeId: 'Kill-Node',
      deviceId: 'Station',
      lineId: 'K-L1',
      machineId: 'K-M1',
      roles: {},
    },
    token,
  );
  expect(mapped.status).toBe(200);
  await waitFor('the rebirth after mapping', () => (edge.rebirthRequests > 0 ? true : undefined));

  // Two messages per unit: barcode, product and step first, the measured value next (the
  // value is stored with the fields remembered from the message before: persisted too).
  const base = Date.now() - 3_600_000;
  const stream = (async () => {
    for (let i = 0; i < TOTAL; i += 1) {
      const at = base + i * 10;
      await edge.data(
        'Station',
        {
          'Test/Barcode': `SK-${String(i).padStart(5, '0')}`,
          'Test/Product': 'PROD-K',
          'Test/Step': 'leak',
          'Sensors/Temperature': 60 + (i % 10),
        },
        at,
      );
      await edge.data('Station', { 'Test/Value': i / 10 }, at + 1);
    }
  })();

  await waitFor(
    'a tenth of the results stored',
    () =>
      count("SELECT COUNT(*) AS n FROM test_results WHERE barcode LIKE 'SK-%'") >= TOTAL / 10
        ? true
        : undefined,
    { timeoutMs: 60_000, everyMs: 5 },
  );
  const storePid = storeProcess();
  expect(storePid).toBeDefined();
  process.kill(storePid!, 'SIGKILL');
  const storedAtKill = count("SELECT COUNT(*) AS n FROM test_results WHERE barcode LIKE 'SK-%'");

  await stream;
  const stored = await waitUntilSettled(
    'every result to be stored',
    () => count("SELECT COUNT(*) AS n FROM test_results WHERE barcode LIKE 'SK-%'"),
    { quietMs: 3000, timeoutMs: 120_000, target: TOTAL },
  );
  // Killed mid-stream, not after it.
  expect(storedAtKill).toBeLessThan(TOTAL);
  expect(stored).toBe(TOTAL);
  expect(
    count("SELECT COUNT(DISTINCT barcode) AS n FROM test_results WHERE barcode LIKE 'SK-%'"),
  ).toBe(TOTAL);
  // Each result with its own value: the value message was read with its own unit's barcode.
  const mismatched = query<{ barcode: string; measured_value: number }>(
    server.dataDir,
    "SELECT barcode, measured_value FROM test_results WHERE barcode LIKE 'SK-%'",
  ).filter((row) => Number(row.barcode.slice(3)) / 10 !== row.measured_value);
  expect(mismatched).toEqual([]);
  expect(
    count(
      `SELECT COUNT(*) AS n FROM telemetry_samples WHERE machine_id = 'K-M1' AND ts_ms >= ${base} AND ts_ms < ${base + TOTAL * 10}`,
    ),
  ).toBe(TOTAL);
  // Nothing refused: the new store knew the session's aliases (without them, its first DDATA
  // would be dead-lettered as "no NBIRTH" and a rebirth asked for).
  expect(
    count("SELECT COUNT(*) AS n FROM dead_letters WHERE topic LIKE 'spBv1.0/Plant/%/Kill-Node%'"),
  ).toBe(0);

  // The store really was restarted by the supervisor.
  const events = await server.http('events.list', { type: 'process.restarted' }, token);
  expect((events.body as EventPage).events.map((event) => event.target)).toEqual(['store']);
  expect(storeProcess()).not.toBe(storePid);
  console.log(
    `sparkplug kill -9: ${storedAtKill} of ${TOTAL} results stored at the kill, ${stored} after, once each, ${edge.rebirthRequests} rebirth requests in all`,
  );
});
