import type mqtt from 'mqtt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Session, TestResult, YieldRow } from '../../../src/shared/contract';
import { startTestServer, type TestServer } from '../../helpers/test-backend';
import { connectMachine, publish } from '../alerts/support';
import { waitFor } from '../../helpers/wait';

/**
 * Issue 12, "Numbers" 1, end to end through a real server, store process and embedded broker:
 * a result stamped 10:00 that arrives after one stamped 10:05 (same unit and step) is the
 * first attempt, and yield counts it as such. The property test over arrival orders is
 * tests/integration/store/attempts-by-timestamp.test.ts.
 */

const DAY = 86_400_000;
let t: TestServer;
let admin: Session;
let machine: mqtt.MqttClient;
/** Yesterday 10:00 UTC by the server's clock: any date works, and it is never in the future. */
let tenOClock: number;

beforeAll(async () => {
  t = await startTestServer({ ingest: true });
  admin = await t.setupAdmin();
  machine = await connectMachine(t, admin.token);
  tenOClock = Math.floor(t.clock.now() / DAY) * DAY - DAY + 10 * 3_600_000;
  const saved = await t.http(
    'specs.save',
    {
      productId: 'PROD-R',
      testStep: 'voltage',
      lower: 0,
      upper: 10,
      validFrom: new Date(tenOClock - DAY).toISOString(),
    },
    admin.token,
  );
  expect(saved.status).toBe(200);
});
afterAll(async () => {
  await machine?.endAsync();
  await t?.close();
});

const payload = (barcode: string, machineId: string, atMs: number, value: number) => ({
  barcode,
  machine_id: machineId,
  product_id: 'PROD-R',
  test_step: 'voltage',
  measured_value: value,
  timestamp: new Date(atMs).toISOString(),
});

async function attemptsOf(barcode: string, count: number): Promise<Record<string, number>> {
  const results = await waitFor(`${count} results of ${barcode}`, async () => {
    const { body } = await t.http('results.list', { barcode, limit: 10 }, admin.token);
    const found = (body as { results: TestResult[] }).results;
    return found.length === count ? found : undefined;
  });
  return Object.fromEntries(results.map((result) => [result.at, result.attempt]));
}

async function yieldOf(machineId: string): Promise<YieldRow | undefined> {
  const { body } = await t.http(
    'results.yield',
    {
      from: new Date(tenOClock - 3_600_000).toISOString(),
      to: new Date(tenOClock + 3_600_000).toISOString(),
      machineId,
    },
    admin.token,
  );
  return (body as YieldRow[])[0];
}

const iso = (ms: number) => new Date(ms).toISOString();

it('over HTTP: 10:05 (value 5) then 10:00 (value 12) gives attempts 1 and 2, and 1 tested, 0 good', async () => {
  for (const [atMs, value] of [
    [tenOClock + 5 * 60_000, 5],
    [tenOClock, 12],
  ] as const) {
    const answer = await t.http(
      'ingest.submit',
      { lineId: 'L-R', payload: payload('SN-HTTP', 'R-1', atMs, value) },
      admin.token,
    );
    expect(answer.body).toMatchObject({ outcome: 'stored' });
  }
  expect(await attemptsOf('SN-HTTP', 2)).toEqual({
    [iso(tenOClock)]: 1,
    [iso(tenOClock + 5 * 60_000)]: 2,
  });
  expect(await yieldOf('R-1')).toMatchObject({
    firstPassTested: 1,
    firstPassGood: 0,
    firstPassYield: 0,
  });
});

it('over MQTT: a backlog replayed newest first is numbered by timestamp', async () => {
  for (const [atMs, value] of [
    [tenOClock + 10 * 60_000, 5],
    [tenOClock + 5 * 60_000, 5],
    [tenOClock, 12],
  ] as const) {
    await publish(machine, 'L-R/R-2/test', payload('SN-MQTT', 'R-2', atMs, value));
  }
  expect(await attemptsOf('SN-MQTT', 3)).toEqual({
    [iso(tenOClock)]: 1,
    [iso(tenOClock + 5 * 60_000)]: 2,
    [iso(tenOClock + 10 * 60_000)]: 3,
  });
  expect(await yieldOf('R-2')).toMatchObject({ firstPassTested: 1, firstPassGood: 0 });
});
