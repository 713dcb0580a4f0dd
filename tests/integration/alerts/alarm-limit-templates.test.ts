import type mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AppliedLimitTemplate,
  EventRecord,
  LimitTemplate,
  Session,
  Threshold,
} from '../../../src/shared/contract';
import { startTestServer, type TestServer } from '../../helpers/test-backend';
import { alerts, connectMachine, events, publish, storedAtLeast } from './support';
import { waitFor } from '../../helpers/wait';

/** What every event an engineer of L-2 can read says, in one string, to look for leaks. */
const textOf = (list: EventRecord[]): string =>
  list.map((event) => `${event.message} ${event.target ?? ''} ${JSON.stringify(event)}`).join('\n');

describe('alarm limits out of the box, and templates applied to a line', () => {
  let t: TestServer;
  let admin: Session;
  let engineer: Session;
  let otherEngineer: Session;
  let machine: mqtt.MqttClient;
  let stored = 0;
  const base = Date.now() - 600_000;

  const send = async (topic: string, body: Record<string, unknown>) => {
    await publish(machine, topic, body);
    stored += 1;
    await storedAtLeast(t, admin.token, stored);
  };

  beforeAll(async () => {
    t = await startTestServer({ ingest: true });
    admin = await t.setupAdmin();
    engineer = await t.createUser(admin.token, 'eng1', 'engineer', {
      lines: ['LINE-1'],
      machines: [],
    });
    otherEngineer = await t.createUser(admin.token, 'eng2', 'engineer', {
      lines: ['LINE-2'],
      machines: [],
    });
    machine = await connectMachine(t, admin.token);
  });
  afterAll(async () => {
    await machine?.endAsync();
    await t.close();
  });

  it('raises a temperature alarm on a fresh plant: the defaults are set at first message', async () => {
    // A fresh plant: no machines, no limits; the machine registers itself by publishing.
    expect((await t.http('thresholds.list', {}, admin.token)).body).toEqual([]);
    await send('LINE-1/MACH-1-01/telemetry', { timestamp: base, temperature: 123.7 });
    const limits = (await t.http('thresholds.list', { machineId: 'MACH-1-01' }, admin.token))
      .body as Threshold[];
    expect(limits.map((limit) => [limit.metric, limit.high, limit.highHigh])).toEqual([
      ['temperature', 90, 105],
      ['vibration', 4, 8],
    ]);
    const raised = await waitFor('the temperature alarms of MACH-1-01', async () => {
      const found = (await alerts(t, admin.token, { source: 'threshold' })).filter((alert) =>
        alert.conditionKey.startsWith('threshold:MACH-1-01:temperature:'),
      );
      return found.length === 2 ? found : undefined;
    });
    expect(raised.map((alert) => alert.conditionKey).sort()).toEqual([
      'threshold:MACH-1-01:temperature:high',
      'threshold:MACH-1-01:temperature:high_high',
    ]);
    expect(raised.every((alert) => alert.state === 'active_unacked')).toBe(true);
    const applied = await events(t, engineer.token, 'limitTemplate.applied');
    expect(applied.map((event) => event.message)).toEqual([
      expect.stringContaining('"Simulator defaults" set on new machine MACH-1-01 (line LINE-1)'),
    ]);
  });

  it('sets no limits on new machines once an admin switched the defaults off', async () => {
    const [defaults] = (await t.http('limitTemplates.list', {}, admin.token))
      .body as LimitTemplate[];
    const off = await t.http(
      'limitTemplates.save',
      { name: defaults!.name, autoApply: false, limits: defaults!.limits },
      admin.token,
    );
    expect(off.status).toBe(200);
    expect((await t.http('limitTemplates.save', off.body as object, engineer.token)).status).toBe(
      403,
    );
    await send('LINE-2/MACH-2-01/telemetry', { timestamp: base, temperature: 123.7 });
    await send('LINE-1/MACH-1-02/telemetry', { timestamp: base, temperature: 70 });
    expect((await t.http('thresholds.list', { lineId: 'LINE-2' }, admin.token)).body).toEqual([]);
    const back = await t.http(
      'limitTemplates.save',
      { name: defaults!.name, autoApply: true, limits: defaults!.limits },
      admin.token,
    );
    expect(back.status).toBe(200);
  });

  it('applies a template to every machine of a line, for an engineer of that line', async () => {
    const saved = await t.http(
      'limitTemplates.save',
      {
        name: 'Hot line',
        limits: [
          { metric: 'temperature', high: 80, highHigh: 95, deadband: 1 },
          { metric: 'power_kw', high: 12 },
        ],
      },
      admin.token,
    );
    expect(saved.status).toBe(200);
    const applied = await t.http(
      'limitTemplates.apply',
      { name: 'Hot line', lineId: 'LINE-1' },
      engineer.token,
    );
    expect(applied.status).toBe(200);
    expect(applied.body as AppliedLimitTemplate).toEqual({
      name: 'Hot line',
      machineIds: ['MACH-1-01', 'MACH-1-02'],
      metrics: ['power_kw', 'temperature'],
    });
    const limits = (await t.http('thresholds.list', { lineId: 'LINE-1' }, engineer.token))
      .body as Threshold[];
    const temperature = limits.filter((limit) => limit.metric === 'temperature');
    expect(temperature.map((limit) => [limit.machineId, limit.high, limit.updatedBy])).toEqual([
      ['MACH-1-01', 80, 'eng1'],
      ['MACH-1-02', 80, 'eng1'],
    ]);
    expect(limits.filter((limit) => limit.metric === 'power_kw')).toHaveLength(2);
    const logged = (await events(t, engineer.token, 'limitTemplate.applied')).map(
      (event) => event.message,
    );
    expect(logged).toContain(
      'eng1 applied alarm limit template "Hot line" to 2 machines on line LINE-1 (MACH-1-01, MACH-1-02): power_kw LL –, L –, H 12, HH –; temperature LL –, L –, H 80, HH 95',
    );
  });

  it('refuses an engineer of another line, telling them nothing about it', async () => {
    const toLine = await t.http(
      'limitTemplates.apply',
      { name: 'Hot line', lineId: 'LINE-1' },
      otherEngineer.token,
    );
    const toUnknownLine = await t.http(
      'limitTemplates.apply',
      { name: 'Hot line', lineId: 'LINE-9' },
      otherEngineer.token,
    );
    expect(toLine.status).toBe(403);
    // A line that does not exist answers the same: the refusal says nothing of LINE-1.
    expect(toUnknownLine.status).toBe(403);
    expect(JSON.stringify(toLine.body).replaceAll('LINE-1', 'LINE-9')).toBe(
      JSON.stringify(toUnknownLine.body),
    );
    const toMachines = await t.http(
      'limitTemplates.apply',
      { name: 'Hot line', machineIds: ['MACH-2-01', 'MACH-1-01'] },
      otherEngineer.token,
    );
    expect(toMachines.status).toBe(403);
    expect(JSON.stringify(toMachines.body)).not.toContain('LINE-1');
    // Nothing was changed on MACH-2-01 either: the refusal comes before any write.
    expect((await t.http('thresholds.list', { lineId: 'LINE-2' }, admin.token)).body).toEqual([]);
    // The other line's applications and limits stay out of their event log and lists.
    const seen = textOf([
      ...(await events(t, otherEngineer.token, 'limitTemplate.applied')),
      ...(await events(t, otherEngineer.token, 'thresholds.saved')),
    ]);
    expect(seen).not.toContain('LINE-1');
    expect(seen).not.toContain('MACH-1');
    expect((await t.http('thresholds.list', {}, otherEngineer.token)).body).toEqual([]);
    // Their own line they may set, machine by machine.
    const own = await t.http(
      'limitTemplates.apply',
      { name: 'Hot line', machineIds: ['MACH-2-01'] },
      otherEngineer.token,
    );
    expect(own.status).toBe(200);
    const ownEvents = await events(t, otherEngineer.token, 'limitTemplate.applied');
    expect(ownEvents.map((event) => event.message)).toEqual([
      expect.stringContaining('eng2 applied alarm limit template "Hot line" to machine MACH-2-01'),
    ]);
    // The admin sees all of it, and the refusals.
    const refusals = await events(t, admin.token, 'access.denied');
    expect(refusals.map((event) => event.message)).toEqual(
      expect.arrayContaining([
        "eng2 was refused limitTemplates.apply: line LINE-1 is outside the caller's scope",
      ]),
    );
  });

  it('answers bad input with the field at fault', async () => {
    const both = await t.http(
      'limitTemplates.apply',
      { name: 'Hot line', lineId: 'LINE-1', machineIds: ['MACH-1-01'] },
      admin.token,
    );
    expect(both.status).toBe(400);
    expect(JSON.stringify(both.body)).toContain('lineId');
    const unordered = await t.http(
      'limitTemplates.save',
      { name: 'Bad', limits: [{ metric: 'temperature', high: 90, highHigh: 80 }] },
      admin.token,
    );
    expect(unordered.status).toBe(400);
    expect(JSON.stringify(unordered.body)).toContain('high');
    const unknown = await t.http(
      'limitTemplates.apply',
      { name: 'No such', lineId: 'LINE-1' },
      admin.token,
    );
    expect(unknown.status).toBe(404);
  });
});
