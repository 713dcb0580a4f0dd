import type mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, Session, Threshold } from '../../../src/shared/contract';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../../helpers/test-backend';
import { alerts, connectMachine, events, publish, storedAtLeast } from './support';
import { waitFor } from '../../helpers/wait';

const KEY = 'threshold:M-1:temperature:high';

describe('a threshold alert through a real broker: raise, acknowledge, shelve, return', () => {
  let t: TestServer;
  let admin: Session;
  let engineer: Session;
  let operator: Session;
  let otherOperator: Session;
  let machine: mqtt.MqttClient;
  let alertId: number;
  let stored = 0;
  const base = Date.now() - 600_000;

  const temperature = async (value: number, atS: number) => {
    await publish(machine, 'L-1/M-1/telemetry', {
      timestamp: base + atS * 1000,
      temperature: value,
    });
    stored += 1;
    await storedAtLeast(t, admin.token, stored);
  };
  const thresholdAlerts = async (token: string) =>
    (await alerts(t, token, { view: 'history', source: 'threshold' })).filter(
      (alert) => alert.conditionKey === KEY,
    );

  beforeAll(async () => {
    t = await startTestServer({ ingest: true });
    admin = await t.setupAdmin();
    await t.http('plant.saveMachine', { lineId: 'L-1', machineId: 'M-1' }, admin.token);
    await t.http('plant.saveMachine', { lineId: 'L-1', machineId: 'M-2' }, admin.token);
    engineer = await t.createUser(admin.token, 'eng', 'engineer', { lines: ['L-1'], machines: [] });
    operator = await t.createUser(admin.token, 'op', 'operator', { lines: [], machines: ['M-1'] });
    otherOperator = await t.createUser(admin.token, 'op2', 'operator', {
      lines: [],
      machines: ['M-2'],
    });
    machine = await connectMachine(t, admin.token);
  });
  afterAll(async () => {
    await machine?.endAsync();
    await t.close();
  });

  it('lets an engineer of the line set limits, but not an operator or another line', async () => {
    const limits = { machineId: 'M-1', metric: 'temperature', high: 80, deadband: 2, onDelayS: 5 };
    expect((await t.http('thresholds.save', limits, operator.token)).status).toBe(403);
    const outsider = await t.createUser(admin.token, 'eng9', 'engineer', {
      lines: ['L-9'],
      machines: [],
    });
    expect((await t.http('thresholds.save', limits, outsider.token)).status).toBe(403);
    const bad = await t.http('thresholds.save', { ...limits, low: 90 }, engineer.token);
    expect(bad.status).toBe(400);
    const saved = await t.http('thresholds.save', limits, engineer.token);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ lineId: 'L-1', high: 80, updatedBy: 'eng' });
    const listed = (await t.http('thresholds.list', {}, operator.token)).body as Threshold[];
    expect(listed.map((threshold) => threshold.metric)).toEqual(['temperature']);
    expect((await t.http('thresholds.list', {}, otherOperator.token)).body).toEqual([]);
  });

  it('raises one alert only once the crossing lasted the on-delay, not one per message', async () => {
    await temperature(85, 0);
    await temperature(86, 2);
    await temperature(84, 4);
    expect(await thresholdAlerts(admin.token)).toEqual([]);
    await temperature(87, 5);
    await temperature(90, 7);
    await temperature(91, 9);
    const raised = await thresholdAlerts(admin.token);
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      state: 'active_unacked',
      priority: 'medium',
      lineId: 'L-1',
      machineId: 'M-1',
      value: 87,
      raiseCount: 1,
    });
    alertId = raised[0]!.id;
    const active = await alerts(t, engineer.token);
    expect(active.map((alert) => alert.id)).toContain(alertId);
  });

  it('hides it from an operator of another machine, who can neither see nor acknowledge it', async () => {
    expect(await alerts(t, otherOperator.token, { view: 'history' })).toEqual([]);
    const refused = await t.http('alerts.acknowledge', { id: alertId }, otherOperator.token);
    expect(refused.status).toBe(404);
    expect(JSON.stringify(refused.body)).not.toContain('temperature');
    // Unknown ids answer the same way: an id reveals nothing.
    expect((await t.http('alerts.acknowledge', { id: 999_999 }, otherOperator.token)).status).toBe(
      404,
    );
  });

  it('is acknowledged by the operator of the machine', async () => {
    const acked = await t.http(
      'alerts.acknowledge',
      { id: alertId, comment: 'on it' },
      operator.token,
    );
    expect(acked.status).toBe(200);
    expect(acked.body).toMatchObject({ state: 'active_acked', ackedBy: 'op' });
    expect((await t.http('alerts.acknowledge', { id: alertId }, operator.token)).status).toBe(409);
  });

  it('is shelved by an engineer with a reason, hidden from the active list, not by an operator', async () => {
    expect(
      (await t.http('alerts.shelve', { id: alertId, reason: 'x', minutes: 30 }, operator.token))
        .status,
    ).toBe(403);
    expect(
      (await t.http('alerts.shelve', { id: alertId, minutes: 30 }, engineer.token)).status,
    ).toBe(400);
    expect(
      (await t.http('alerts.shelve', { id: alertId, reason: 'x', minutes: 2000 }, engineer.token))
        .status,
    ).toBe(400);
    const shelved = await t.http(
      'alerts.shelve',
      { id: alertId, reason: 'sensor being recalibrated', minutes: 30 },
      engineer.token,
    );
    expect(shelved.status).toBe(200);
    expect(shelved.body).toMatchObject({
      shelvedBy: 'eng',
      shelveReason: 'sensor being recalibrated',
    });
    expect((await alerts(t, engineer.token)).map((alert) => alert.id)).not.toContain(alertId);
    const onShelf = await alerts(t, engineer.token, { view: 'shelved' });
    expect(onShelf.map((alert) => alert.id)).toContain(alertId);
  });

  it('keeps evolving while shelved and comes back by itself at expiry', async () => {
    await temperature(95, 20);
    t.clock.advance(31 * 60_000);
    // Tokens and idle sessions ran out with the clock: log in again.
    admin = await t.login('admin', ADMIN_PASSWORD);
    engineer = await t.login('eng');
    const back = await waitFor('the alert back from the shelf', async () => {
      const found = (await alerts(t, engineer.token)).find((alert) => alert.id === alertId);
      return found;
    });
    expect(back).toMatchObject({ state: 'active_acked', shelvedUntil: null });
    const unshelved = await events(t, admin.token, 'alert.unshelved');
    expect(unshelved.some((event) => event.details.alertId === alertId)).toBe(true);
  });

  it('does not return inside the deadband, and clears once back inside by it (acknowledged)', async () => {
    await temperature(79, 30);
    expect((await thresholdAlerts(admin.token))[0]!.state).toBe('active_acked');
    await temperature(78, 32);
    const cleared = (await thresholdAlerts(admin.token))[0]!;
    expect(cleared).toMatchObject({ state: 'cleared' });
    expect(cleared.returnedAt).not.toBeNull();
    expect((await alerts(t, engineer.token)).map((alert: Alert) => alert.id)).not.toContain(
      alertId,
    );
  });

  it('records who did what, when and why in the event log', async () => {
    const recorded = (await events(t, admin.token, 'alert.')).filter(
      (event) => event.details.alertId === alertId,
    );
    const types = recorded.map((event) => event.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'alert.raised',
        'alert.acknowledged',
        'alert.shelved',
        'alert.unshelved',
        'alert.cleared',
      ]),
    );
    const shelving = recorded.find((event) => event.type === 'alert.shelved')!;
    expect(shelving.actor).toBe('eng');
    expect(shelving.message).toContain('sensor being recalibrated');
    expect(recorded.find((event) => event.type === 'alert.acknowledged')!.actor).toBe('op');
    expect((await events(t, admin.token, 'thresholds.saved'))[0]!.actor).toBe('eng');
  });
});
