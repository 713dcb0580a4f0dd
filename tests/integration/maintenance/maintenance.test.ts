import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Alert,
  MaintenanceStatus,
  MaintenanceTask,
  Session,
} from '../../../src/shared/contract';
import { startTestServer, type TestServer } from '../../helpers/test-backend';
import { waitFor } from '../../helpers/wait';

const MIN = 60_000;
const NOW = Date.now();

describe('maintenance plans, tasks and the temperature projection', () => {
  let t: TestServer;
  let admin: Session;
  let engineer: Session;
  let operator: Session;
  let machine: mqtt.MqttClient;

  const overview = async (token: string) =>
    (await t.http('maintenance.overview', {}, token)).body as MaintenanceStatus[];
  const activeAlerts = async () =>
    ((await t.http('alerts.list', { view: 'active' }, admin.token)).body as { alerts: Alert[] })
      .alerts;

  beforeAll(async () => {
    t = await startTestServer({ ingest: true });
    admin = await t.setupAdmin();
    const { brokerUrl } = (await t.http('ingest.status', {}, admin.token)).body as {
      brokerUrl: string;
    };
    machine = await mqtt.connectAsync(brokerUrl);
    // Running for the last hour; temperature climbing 2 °C a minute from 40 to 100.
    await machine.publishAsync(
      'factory/L-1/M-1/state',
      JSON.stringify({ timestamp: NOW - 60 * MIN, state: 'running' }),
      { qos: 1 },
    );
    for (let minute = 30; minute >= 0; minute--) {
      const temperature = 80 - minute * 0.5;
      await machine.publishAsync(
        'factory/L-1/M-1/telemetry',
        JSON.stringify({ timestamp: NOW - minute * MIN, temperature }),
        { qos: 1 },
      );
    }
    await waitFor('the maintenance overview filled', async () => {
      return (await overview(admin.token)).length > 0;
    });
    engineer = await t.createUser(admin.token, 'eng', 'engineer', { lines: ['L-1'], machines: [] });
    operator = await t.createUser(admin.token, 'op', 'operator', { lines: [], machines: ['M-9'] });
  });
  afterAll(async () => {
    await machine?.endAsync();
    await t.close();
  });

  it('projects when the temperature reaches its high limit', async () => {
    const saved = await t.http(
      'thresholds.save',
      {
        machineId: 'M-1',
        metric: 'temperature',
        high: 90,
        highHigh: null,
        low: null,
        lowLow: null,
        deadband: 1,
        onDelayS: 0,
      },
      engineer.token,
    );
    expect(saved.status).toBe(200);
    const [status] = await overview(engineer.token);
    // 0.5 °C a minute is 30 °C an hour; from 80 °C, 90 °C is 20 minutes away.
    expect(status!.prediction!.slopePerHour).toBeCloseTo(30, 3);
    expect(status!.prediction!.text).toBe('reaches 90 °C in about 20 min');
    await t.backend.evaluateMaintenance();
    const alerts = await activeAlerts();
    expect(alerts.find((alert) => alert.source === 'prediction')?.message).toContain(
      'reaches 90 °C',
    );
  });

  it('marks a machine due after its interval in run hours, and clears it when the service is done', async () => {
    const plan = await t.http(
      'maintenance.savePlan',
      {
        machineId: 'M-1',
        intervalRunHours: 0.9,
        intervalUnits: null,
        lastServiceAt: new Date(NOW - 2 * 60 * MIN).toISOString(),
      },
      engineer.token,
    );
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({ status: 'overdue' });
    expect((plan.body as MaintenanceStatus).runHoursSinceService).toBeGreaterThan(0.99);
    await t.backend.evaluateMaintenance();
    expect((await activeAlerts()).some((alert) => alert.source === 'maintenance')).toBe(true);

    const task = (
      await t.http(
        'maintenance.scheduleTask',
        { machineId: 'M-1', title: 'Grease the spindle' },
        engineer.token,
      )
    ).body as MaintenanceTask;
    expect(task.status).toBe('scheduled');
    const started = await t.http(
      'maintenance.updateTask',
      { id: task.id, action: 'start' },
      engineer.token,
    );
    expect(started.body).toMatchObject({ status: 'in_progress', startedBy: 'eng' });
    const done = await t.http(
      'maintenance.updateTask',
      { id: task.id, action: 'complete', notes: 'greased, bearing fine' },
      engineer.token,
    );
    expect(done.body).toMatchObject({ status: 'done', completionNotes: 'greased, bearing fine' });
    const [after] = await overview(engineer.token);
    expect(after!.status).toBe('ok');
    const maintenanceAlert = (await activeAlerts()).find((alert) => alert.source === 'maintenance');
    expect(maintenanceAlert === undefined || maintenanceAlert.state === 'returned_unacked').toBe(
      true,
    );
    const events = (await t.http('events.list', { type: 'maintenance.', limit: 10 }, admin.token))
      .body as {
      events: { type: string; actor: string }[];
    };
    expect(events.events.map((event) => event.type)).toEqual([
      'maintenance.task_completed',
      'maintenance.task_started',
      'maintenance.task_scheduled',
      'maintenance.plan_saved',
    ]);
  });

  it('keeps operators to their machines and out of planning', async () => {
    expect(await overview(operator.token)).toEqual([]);
    const refused = await t.http(
      'maintenance.scheduleTask',
      { machineId: 'M-1', title: 'x' },
      operator.token,
    );
    expect(refused.status).toBe(403);
    const tasks = (await t.http('maintenance.tasks', {}, operator.token)).body as MaintenanceTask[];
    expect(tasks).toEqual([]);
  });
});
