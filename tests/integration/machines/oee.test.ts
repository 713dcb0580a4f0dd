import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OeeRow, Session } from '../../../src/shared/contract';
import { startTestServer, type TestServer } from '../../helpers/test-backend';
import { waitForIngested } from '../../helpers/ingest-wait';

const MIN = 60_000;
const H = 60 * MIN;
// A whole clock hour that ended at least an hour ago.
const H0 = Math.floor(Date.now() / H) * H - 3 * H;

describe('OEE of a known hour, checked against figures computed by hand', () => {
  let t: TestServer;
  let admin: Session;
  let operator: Session;
  let machine: mqtt.MqttClient;

  const send = (kind: string, body: object) =>
    machine.publishAsync(`factory/L-1/M-1/${kind}`, JSON.stringify(body), { qos: 1 });

  beforeAll(async () => {
    t = await startTestServer({ ingest: true });
    admin = await t.setupAdmin();
    operator = await t.createUser(admin.token, 'op', 'operator', { lines: [], machines: ['M-1'] });
    const { brokerUrl } = (await t.http('ingest.status', {}, admin.token)).body as {
      brokerUrl: string;
    };
    machine = await mqtt.connectAsync(brokerUrl);
    await t.http(
      'specs.save',
      {
        productId: 'P',
        testStep: 'v',
        lower: 0,
        upper: 10,
        validFrom: new Date(H0 - H).toISOString(),
      },
      admin.token,
    );
    // Run 0-30 min, down 30-45 (jam), run 45-60: 45 minutes of run time.
    await send('state', { timestamp: H0, state: 'running' });
    await send('state', { timestamp: H0 + 30 * MIN, state: 'down', reason: 'jam' });
    await send('state', { timestamp: H0 + 45 * MIN, state: 'running' });
    await send('state', { timestamp: H0 + 60 * MIN, state: 'idle' });
    // Counter 0 → 100, reset to 10, then 50: 100 + 10 + 40 = 150 units.
    for (const [minute, units] of [
      [0, 0],
      [20, 100],
      [40, 10],
      [50, 50],
    ] as const) {
      await send('telemetry', {
        timestamp: H0 + minute * MIN,
        units_produced: units,
        temperature: 60,
      });
    }
    // Ten first attempts, two of them failing; a retest and a NO_SPEC result do not count.
    for (let i = 0; i < 10; i++) {
      await send('test', {
        barcode: `SN-${i}`,
        machine_id: 'M-1',
        product_id: 'P',
        test_step: 'v',
        measured_value: i < 2 ? 99 : 5,
        timestamp: H0 + (i + 1) * MIN,
      });
    }
    await send('test', {
      barcode: 'SN-0',
      machine_id: 'M-1',
      product_id: 'P',
      test_step: 'v',
      measured_value: 5,
      timestamp: H0 + 20 * MIN,
    });
    await send('test', {
      barcode: 'SN-X',
      machine_id: 'M-1',
      product_id: 'Q',
      test_step: 'v',
      measured_value: 5,
      timestamp: H0 + 21 * MIN,
    });
    await waitForIngested(t, admin.token, 20);
    const configured = await t.http(
      'machines.configure',
      { machineId: 'M-1', idealCycleTimeS: 10 },
      admin.token,
    );
    expect(configured.status).toBe(200);
  });
  afterAll(async () => {
    await machine?.endAsync();
    await t.close();
  });

  const report = async (token: string, bucket: string) =>
    (
      await t.http(
        'oee.report',
        { from: new Date(H0).toISOString(), to: new Date(H0 + H).toISOString(), bucket },
        token,
      )
    ).body as OeeRow[];

  it('matches availability 0.75, performance 10 s × 150 / 2700 s, quality 0.8', async () => {
    const rows = await report(admin.token, 'hour');
    const m1 = rows.find((row) => row.machineId === 'M-1');
    expect(m1).toMatchObject({
      plannedS: 3600,
      runS: 2700,
      units: 150,
      firstPassTested: 10,
      firstPassGood: 8,
    });
    expect(m1!.availability).toBeCloseTo(0.75, 6);
    expect(m1!.performance).toBeCloseTo(1500 / 2700, 6);
    expect(m1!.quality).toBeCloseTo(0.8, 6);
    expect(m1!.oee).toBeCloseTo(0.75 * (1500 / 2700) * 0.8, 6);
    expect(rows.find((row) => row.machineId === null)!.oee).toBeCloseTo(m1!.oee!, 6);
  });

  it('counts no planned time before the machine was first seen', async () => {
    const rows = (
      await t.http(
        'oee.report',
        {
          from: new Date(H0 - 5 * H).toISOString(),
          to: new Date(H0 + H).toISOString(),
          bucket: 'total',
        },
        admin.token,
      )
    ).body as OeeRow[];
    expect(rows.find((row) => row.machineId === 'M-1')).toMatchObject({
      plannedS: 3600,
      runS: 2700,
    });
  });

  it('gives an operator the machine row but not the line total', async () => {
    const rows = await report(operator.token, 'total');
    expect(rows.map((row) => row.machineId)).toEqual(['M-1']);
  });

  it('lists the down period with its reason and duration', async () => {
    const downtime = (
      await t.http(
        'downtime.list',
        { from: new Date(H0).toISOString(), to: new Date(H0 + H).toISOString() },
        admin.token,
      )
    ).body as { reason: string | null; durationS: number; state: string }[];
    expect(downtime).toEqual([
      expect.objectContaining({ state: 'down', reason: 'jam', durationS: 900 }),
    ]);
  });
});
