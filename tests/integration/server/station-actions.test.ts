// Every action names the station it came from (issue 13): the event log says "olga at CR-2"
// for commands, spec and limit changes, maintenance edits and every alert action, and the
// alert's history keeps the station beside the person.
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Alert, EventRecord, MethodName, Session } from '../../../src/shared/contract';
import { STATION_HEADER } from '../../../src/shared/station-name';
import { buildHttpRequest } from '../../../src/shared/http-route';
import { startTestServer, type TestServer } from '../../helpers/test-backend';

describe('the station name with every action', () => {
  let t: TestServer;
  let admin: Session;
  let machine: mqtt.MqttClient;

  /** A contract call over HTTP as a station makes it: with its name in the header. */
  async function at<T>(
    station: string | null,
    method: MethodName,
    input: unknown,
    token = admin.token,
  ): Promise<T> {
    const request = buildHttpRequest(method, input);
    const response = await fetch(t.url + request.url, {
      method: request.verb,
      headers: {
        ...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        Authorization: `Bearer ${token}`,
        ...(station ? { [STATION_HEADER]: station } : {}),
      },
      body: request.body,
    });
    const body = (await response.json()) as T;
    if (response.status !== 200)
      throw new Error(`${method} answered ${response.status}: ${JSON.stringify(body)}`);
    return body;
  }

  const events = async (type: string): Promise<EventRecord[]> =>
    (await at<{ events: EventRecord[] }>(null, 'events.list', { limit: 200 })).events.filter(
      (event) => event.type === type,
    );
  /** What people did (not the system's own events, e.g. default limits on a new machine). */
  const messagesOf = async (type: string) =>
    (await events(type)).filter((event) => event.actor === 'admin').map((event) => event.message);

  const telemetry = (temperature: number) =>
    machine.publishAsync(
      'factory/L-1/M-1/telemetry',
      JSON.stringify({ timestamp: new Date().toISOString(), temperature, units_produced: 1 }),
      { qos: 1 },
    );
  const openAlert = async (): Promise<Alert> =>
    vi.waitFor(
      async () => {
        const { alerts } = await at<{ alerts: Alert[] }>(null, 'alerts.list', { view: 'active' });
        const alert = alerts.find((candidate) => candidate.machineId === 'M-1');
        expect(alert).toBeDefined();
        return alert!;
      },
      { timeout: 15_000, interval: 100 },
    );

  beforeAll(async () => {
    t = await startTestServer({ ingest: true });
    admin = await t.setupAdmin();
    const brokerUrl = await vi.waitFor(
      async () => {
        const status = (await t.http('ingest.status', {}, admin.token)).body as {
          state: string;
          brokerUrl: string;
        };
        expect(status.state).toBe('connected');
        return status.brokerUrl;
      },
      { timeout: 15_000, interval: 100 },
    );
    machine = await mqtt.connectAsync(brokerUrl);
    await telemetry(40);
    await vi.waitFor(
      async () => {
        const machines = await at<{ machineId: string }[]>(null, 'machines.overview', {});
        expect(machines.map((m) => m.machineId)).toEqual(['M-1']);
      },
      { timeout: 15_000, interval: 100 },
    );
  });

  afterAll(async () => {
    await machine?.endAsync();
    await t?.close();
  });

  it('names the station in the event text of commands, spec, limit and machine changes', async () => {
    await at('CR-2', 'machines.command', { machineId: 'M-1', command: 'stop' });
    await at('CR-2', 'specs.save', {
      productId: 'PROD-A',
      testStep: 'voltage_test',
      lower: 11,
      upper: 13,
    });
    await at('CR-2', 'thresholds.save', {
      machineId: 'M-1',
      metric: 'temperature',
      high: 90,
      onDelayS: 0,
    });
    await at('CR-2', 'limitTemplates.save', {
      name: 'Ovens',
      limits: [{ metric: 'temperature', high: 95 }],
    });
    await at('CR-2', 'limitTemplates.apply', { name: 'Ovens', machineIds: ['M-1'] });
    await at('CR-2', 'machines.configure', { machineId: 'M-1', heartbeatTimeoutS: 120 });

    expect(await messagesOf('command.sent')).toEqual([
      expect.stringMatching(/^admin at CR-2 sent stop to M-1 \(/),
    ]);
    expect(await messagesOf('spec.saved')).toEqual([
      expect.stringMatching(/^admin at CR-2 set limits v1 of PROD-A voltage_test/),
    ]);
    expect(await messagesOf('thresholds.saved')).toEqual([
      expect.stringMatching(/^admin at CR-2 set the alarm limits of M-1 temperature/),
    ]);
    expect(await messagesOf('limitTemplate.saved')).toEqual([
      expect.stringMatching(/^admin at CR-2 saved alarm limit template "Ovens"/),
    ]);
    expect(await messagesOf('limitTemplate.applied')).toEqual([
      expect.stringMatching(/^admin at CR-2 applied alarm limit template "Ovens" to machine M-1/),
    ]);
    expect(await messagesOf('plant.machine_configured')).toEqual([
      'admin at CR-2 configured machine M-1',
    ]);
    // The station is in the details too, for a search by station.
    expect((await events('command.sent'))[0]?.details).toMatchObject({ station: 'CR-2' });
  });

  it('names the station in maintenance edits', async () => {
    await at('CR-3', 'maintenance.savePlan', {
      machineId: 'M-1',
      intervalRunHours: 500,
      intervalUnits: null,
    });
    const task = await at<{ id: number }>('CR-3', 'maintenance.scheduleTask', {
      machineId: 'M-1',
      title: 'Replace the belt',
    });
    await at('CR-3', 'maintenance.updateTask', { id: task.id, action: 'start' });
    await at('CR-1', 'maintenance.updateTask', { id: task.id, action: 'complete', notes: 'done' });

    expect(await messagesOf('maintenance.plan_saved')).toEqual([
      expect.stringMatching(/^admin at CR-3 set the service interval of M-1/),
    ]);
    expect(await messagesOf('maintenance.task_scheduled')).toEqual([
      'admin at CR-3 scheduled "Replace the belt" on M-1',
    ]);
    expect(await messagesOf('maintenance.task_started')).toEqual([
      'admin at CR-3 started "Replace the belt" on M-1',
    ]);
    expect(await messagesOf('maintenance.task_completed')).toEqual([
      'admin at CR-1 completed "Replace the belt" on M-1: done',
    ]);
  });

  it("keeps every alert action's station in the event log and in the alert's history", async () => {
    await telemetry(120); // above the template's 95
    const alert = await openAlert();

    await at('CR-1', 'alerts.shelve', { id: alert.id, minutes: 10, reason: 'probe swap' });
    const shelved = await at<Alert>(null, 'alerts.list', { view: 'shelved' });
    expect(shelved).toMatchObject({
      alerts: [{ id: alert.id, shelvedBy: 'admin', shelvedStation: 'CR-1' }],
    });
    await at('CR-1', 'alerts.unshelve', { id: alert.id });
    await at('CR-3', 'alerts.setOutOfService', {
      id: alert.id,
      outOfService: true,
      reason: 'sensor out',
    });
    await at('CR-3', 'alerts.setOutOfService', {
      id: alert.id,
      outOfService: false,
      reason: 'sensor back',
    });
    await at('CR-2', 'alerts.acknowledge', { id: alert.id });
    await at('CR-2', 'alerts.resolve', { id: alert.id, reason: 'handled on the floor' });

    expect(await messagesOf('alert.shelved')).toEqual([
      expect.stringMatching(new RegExp(`^admin at CR-1 shelved alert ${alert.id} until`)),
    ]);
    expect(await messagesOf('alert.unshelved')).toEqual([
      `Alert ${alert.id} unshelved: by admin at CR-1`,
    ]);
    expect(await messagesOf('alert.out_of_service')).toEqual([
      `admin at CR-3 put ${alert.conditionKey} out of service: sensor out`,
    ]);
    expect(await messagesOf('alert.in_service')).toEqual([
      `admin at CR-3 put ${alert.conditionKey} back in service: sensor back`,
    ]);
    expect(await messagesOf('alert.acknowledged')).toEqual([
      expect.stringMatching(new RegExp(`^Acknowledged by admin at CR-2 — alert ${alert.id} `)),
    ]);
    expect(await messagesOf('alert.resolved')).toEqual([
      expect.stringMatching(
        new RegExp(`^Resolved by admin at CR-2: handled on the floor — alert ${alert.id} `),
      ),
    ]);

    const { alerts } = await at<{ alerts: Alert[] }>(null, 'alerts.list', { view: 'history' });
    expect(alerts.find((candidate) => candidate.id === alert.id)).toMatchObject({
      state: 'cleared',
      ackedBy: 'admin',
      ackedStation: 'CR-2',
      resolvedBy: 'admin',
      resolvedStation: 'CR-2',
      shelvedStation: null,
    });
  });

  it('says only the person when the call named no station', async () => {
    await at(null, 'specs.save', {
      productId: 'PROD-B',
      testStep: 'leak_test',
      lower: null,
      upper: 3,
    });
    expect(await messagesOf('spec.saved')).toContainEqual(
      expect.stringMatching(/^admin set limits v1 of PROD-B leak_test/),
    );
  });
});
