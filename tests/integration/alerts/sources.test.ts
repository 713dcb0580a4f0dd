import type mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../src/shared/contract';
import { startTestServer, type TestServer } from '../../helpers/test-backend';
import { alertOf, alerts, connectMachine, events, publish } from './support';
import { waitFor } from '../../helpers/wait';

describe('alert sources through a real broker: downtime, FAIL rate, NO_SPEC, floods, offline', () => {
  let t: TestServer;
  let admin: Session;
  let engineer: Session;
  let operator: Session;
  let machine: mqtt.MqttClient;
  const now = () => Date.now();

  // Strictly increasing machine times: two state changes in the same millisecond would tie.
  let lastStateMs = 0;
  const state = (line: string, id: string, value: string) => {
    lastStateMs = Math.max(lastStateMs + 1, now());
    return publish(machine, `${line}/${id}/state`, { timestamp: lastStateMs, state: value });
  };

  beforeAll(async () => {
    t = await startTestServer({ ingest: true });
    admin = await t.setupAdmin();
    engineer = await t.createUser(admin.token, 'eng', 'engineer', { lines: ['L-1'], machines: [] });
    operator = await t.createUser(admin.token, 'op', 'operator', { lines: [], machines: ['M-1'] });
    machine = await connectMachine(t, admin.token);
  });
  afterAll(async () => {
    await machine?.endAsync();
    await t.close();
  });

  it('raises downtime when a machine goes down and returns it when it runs again', async () => {
    await state('L-1', 'M-1', 'down');
    const down = await alertOf(t, operator.token, 'downtime:M-1');
    expect(down).toMatchObject({ source: 'downtime', priority: 'high', state: 'active_unacked' });
    await state('L-1', 'M-1', 'running');
    const back = await waitFor('downtime returned', async () => {
      const found = await alertOf(t, operator.token, 'downtime:M-1');
      return found.state === 'returned_unacked' ? found : undefined;
    });
    // A returned alert still waits for its acknowledgement; that clears it.
    const acked = await t.http('alerts.acknowledge', { id: back.id }, operator.token);
    expect(acked.body).toMatchObject({ state: 'cleared', ackedBy: 'op' });
  });

  it('raises the FAIL-rate alert above 30 % of the last 20 results and returns it below', async () => {
    await t.http(
      'specs.save',
      { productId: 'PROD-F', testStep: 'v', lower: 0, upper: 10 },
      admin.token,
    );
    const result = (i: number, value: number) =>
      publish(machine, 'L-1/M-1/test', {
        barcode: `SN-F-${i}`,
        machine_id: 'M-1',
        product_id: 'PROD-F',
        test_step: 'v',
        measured_value: value,
        timestamp: now() + i,
      });
    for (let i = 0; i < 20; i++) await result(i, i < 7 ? 20 : 5);
    const raised = await alertOf(t, engineer.token, 'fail_rate:M-1');
    expect(raised).toMatchObject({ source: 'fail_rate', state: 'active_unacked', value: 0.35 });
    for (let i = 20; i < 40; i++) await result(i, 5);
    await waitFor('the FAIL rate back to normal', async () => {
      const found = await alertOf(t, engineer.token, 'fail_rate:M-1');
      return found.state === 'returned_unacked' ? found : undefined;
    });
  });

  it('raises one low-priority NO_SPEC alert per product and step, cleared when limits are saved', async () => {
    for (const i of [1, 2, 3]) {
      await publish(machine, 'L-1/M-1/test', {
        barcode: `SN-N-${i}`,
        machine_id: 'M-1',
        product_id: 'PROD-N',
        test_step: 'x',
        measured_value: 1,
        timestamp: now() + i,
      });
    }
    const noSpec = await alertOf(t, engineer.token, 'no_spec:PROD-N:x');
    expect(noSpec).toMatchObject({ priority: 'low', lineId: null, raiseCount: 1 });
    const all = (await alerts(t, admin.token, { view: 'history', source: 'no_spec' })).length;
    expect(all).toBe(1);
    // Plant-wide: an operator sees it, but engineers and admins handle it.
    expect((await t.http('alerts.acknowledge', { id: noSpec.id }, operator.token)).status).toBe(
      403,
    );
    // The engineer sets limits for their line (plant-wide limits are the admins').
    const saved = await t.http(
      'specs.save',
      { productId: 'PROD-N', testStep: 'x', lineId: 'L-1', lower: 0, upper: 2 },
      engineer.token,
    );
    expect(saved.status).toBe(200);
    const cleared = await alertOf(t, engineer.token, 'no_spec:PROD-N:x');
    expect(cleared).toMatchObject({ state: 'cleared', resolvedBy: 'eng' });
  });

  it('reports one flood when a line raises 11 alerts within 10 minutes', async () => {
    for (let i = 1; i <= 12; i++) await state('L-F', `F-${i}`, 'down');
    await waitFor('12 downtime alerts on L-F', async () => {
      const onLine = await alerts(t, admin.token, { lineId: 'L-F' });
      return onLine.length === 12 ? onLine : undefined;
    });
    const floods = await events(t, admin.token, 'alerts.flood');
    expect(floods).toHaveLength(1);
    expect(floods[0]).toMatchObject({ lineId: 'L-F' });
    // Engineers of other lines do not see this line's alerts.
    expect(await alerts(t, engineer.token, { lineId: 'L-F' })).toEqual([]);
  });

  it('reports chattering when a condition returns to normal 3 times within a minute', async () => {
    for (let i = 0; i < 3; i++) {
      await state('L-1', 'M-2', 'down');
      await state('L-1', 'M-2', 'running');
    }
    await waitFor('a chattering event', async () => {
      const found = (await events(t, admin.token, 'alerts.chattering')).find(
        (event) => event.target === 'downtime:M-2',
      );
      return found;
    });
    // Still one alert: it went back and forth, it was not raised anew each time.
    const downtime = await alerts(t, admin.token, { view: 'history', machineId: 'M-2' });
    expect(downtime).toHaveLength(1);
    expect(downtime[0]!.raiseCount).toBe(3);
  });

  it('raises a dead-letter spike above 20 refused messages in a minute', async () => {
    for (let i = 0; i < 21; i++) {
      await machine.publishAsync('factory/L-1/M-1/telemetry', `not json ${i}`, { qos: 1 });
    }
    const spike = await alertOf(t, admin.token, 'dead_letters');
    expect(spike).toMatchObject({ source: 'dead_letters', lineId: null });
  });

  it('raises offline after the heartbeat timeout and returns it when the machine speaks again', async () => {
    t.clock.advance(61_000);
    const offline = await alertOf(t, admin.token, 'offline:M-1');
    expect(offline.source).toBe('offline');
    await publish(machine, 'L-1/M-1/telemetry', { timestamp: now(), temperature: 20 });
    await waitFor('offline returned', async () => {
      const returned = (await events(t, admin.token, 'alert.returned')).find(
        (event) => event.details.conditionKey === 'offline:M-1',
      );
      return returned;
    });
  });
});
