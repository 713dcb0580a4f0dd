import type mqtt from 'mqtt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Session, SpecVersion, TestResult } from '../../../src/shared/contract';
import { startTestServer, type TestServer } from '../../helpers/test-backend';
import { alerts, connectMachine, publish, storedAtLeast } from './support';
import { waitFor } from '../../helpers/wait';

/**
 * Issue 12, "Numbers" 2: with results arriving, saving limits resolved the "no spec limits"
 * alert and a result stamped just before the save (in flight) raised a new one at once,
 * which then stayed active for good. Through a real server and its embedded broker.
 */

let t: TestServer;
let admin: Session;
let machine: mqtt.MqttClient;
let stored = 0;

beforeAll(async () => {
  t = await startTestServer({ ingest: true });
  admin = await t.setupAdmin();
  machine = await connectMachine(t, admin.token);
});
afterAll(async () => {
  await machine?.endAsync();
  await t?.close();
});

let serial = 0;
async function results(productId: string, stamps: number[]): Promise<void> {
  for (const timestamp of stamps) {
    serial += 1;
    await publish(machine, 'L-1/M-1/test', {
      barcode: `SN-${serial}`,
      machine_id: 'M-1',
      product_id: productId,
      test_step: 'gap',
      measured_value: 1,
      timestamp,
    });
  }
  stored += stamps.length;
  await storedAtLeast(t, admin.token, stored);
}

const noSpecAlerts = async (productId: string) =>
  (await alerts(t, admin.token, { view: 'history', source: 'no_spec' })).filter(
    (alert) => alert.conditionKey === `no_spec:${productId}:gap`,
  );

async function verdicts(productId: string): Promise<string[]> {
  const { body } = await t.http('results.list', { productId, limit: 100 }, admin.token);
  return (body as { results: TestResult[] }).results
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .map((result) => result.verdict);
}

it('stays cleared after limits are saved, with results stamped before the save still arriving', async () => {
  const now = t.clock.now;
  await results('PROD-GAP', [now() - 3000, now() - 2000]);
  const [raised] = await waitFor('the no-spec alert', async () => {
    const found = await noSpecAlerts('PROD-GAP');
    return found.length ? found : undefined;
  });
  expect(raised).toMatchObject({ state: 'active_unacked' });

  const saved = await t.http(
    'specs.save',
    { productId: 'PROD-GAP', testStep: 'gap', lower: 0, upper: 10 },
    admin.token,
  );
  expect(saved.status).toBe(200);
  const validFromMs = Date.parse((saved.body as SpecVersion).validFrom);
  // In flight while the limits were saved: stamped before them, so judged NO_SPEC; then results
  // judged by the new limits.
  await results('PROD-GAP', [validFromMs - 1500, validFromMs - 1, validFromMs + 1, now() + 10]);
  expect(await verdicts('PROD-GAP')).toEqual([
    'NO_SPEC',
    'NO_SPEC',
    'NO_SPEC',
    'NO_SPEC',
    'PASS',
    'PASS',
  ]);
  const after = await noSpecAlerts('PROD-GAP');
  expect(after).toHaveLength(1);
  expect(after[0]).toMatchObject({ id: raised!.id, state: 'cleared', resolvedBy: 'admin' });
  expect(await alerts(t, admin.token, { source: 'no_spec' })).toEqual([]);
});

it('clears once limits saved for a later start judge what is produced', async () => {
  const now = t.clock.now;
  await results('PROD-LATER', [now()]);
  await waitFor('the no-spec alert', async () => {
    const found = await noSpecAlerts('PROD-LATER');
    return found.length ? found : undefined;
  });
  const validFromMs = now() + 2000;
  const saved = await t.http(
    'specs.save',
    {
      productId: 'PROD-LATER',
      testStep: 'gap',
      lower: 0,
      upper: 10,
      validFrom: new Date(validFromMs).toISOString(),
    },
    admin.token,
  );
  expect(saved.status).toBe(200);
  // Not in force yet: what is produced now still has no limits.
  await results('PROD-LATER', [now()]);
  expect(await noSpecAlerts('PROD-LATER')).toMatchObject([{ state: 'active_unacked' }]);
  await waitFor('the limits to start', async () => (now() > validFromMs + 10 ? true : undefined));
  await results('PROD-LATER', [now()]);
  expect(await verdicts('PROD-LATER')).toEqual(['NO_SPEC', 'NO_SPEC', 'PASS']);
  const [alert] = await noSpecAlerts('PROD-LATER');
  expect(alert!.state).not.toMatch(/^active/);
});
