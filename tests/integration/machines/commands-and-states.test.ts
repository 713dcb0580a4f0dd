import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CommandRecord,
  DowntimeEvent,
  MachineSnapshot,
  Session,
} from '../../../src/shared/contract';
import { startTestServer, type TestServer } from '../../helpers/test-backend';
import { waitFor } from '../../helpers/wait';

describe('machine states, downtime and commands through a real broker', () => {
  let t: TestServer;
  let admin: Session;
  let engineer: Session;
  let operator: Session;
  let machine: mqtt.MqttClient;
  const answered: string[] = [];

  const publishState = (machineId: string, state: string, ts: number, reason?: string) =>
    machine.publishAsync(
      `factory/L-1/${machineId}/state`,
      JSON.stringify({ timestamp: ts, state, ...(reason ? { reason } : {}) }),
      { qos: 1 },
    );

  beforeAll(async () => {
    t = await startTestServer({ ingest: true });
    admin = await t.setupAdmin();
    const status = (await t.http('ingest.status', {}, admin.token)).body as { brokerUrl: string };
    await waitFor('ingest to connect', async () => {
      const s = (await t.http('ingest.status', {}, admin.token)).body as { state: string };
      return s.state === 'connected' ? true : undefined;
    });
    engineer = await t.createUser(admin.token, 'eng', 'engineer', { lines: ['L-1'], machines: [] });
    operator = await t.createUser(admin.token, 'op', 'operator', { lines: [], machines: ['M-1'] });
    // A stand-in machine: answers every command on its topic, except M-2 which stays silent.
    machine = await mqtt.connectAsync(status.brokerUrl);
    await machine.subscribeAsync('factory/+/M-1/command', { qos: 1 });
    machine.on('message', (topic, payload) => {
      const command = JSON.parse(payload.toString()) as { command_id: string; command: string };
      answered.push(command.command);
      void machine.publishAsync(
        `${topic}/ack`,
        JSON.stringify({
          command_id: command.command_id,
          ok: command.command !== 'reset',
          message: `did ${command.command}`,
        }),
        { qos: 1 },
      );
      if (command.command === 'stop')
        void publishState('M-1', 'down', Date.now(), 'stopped by command');
    });
    await publishState('M-1', 'running', Date.now() - 60_000);
    await publishState('M-2', 'running', Date.now() - 60_000);
  });
  afterAll(async () => {
    await machine?.endAsync();
    await t.close();
  });

  it('registers machines on their first message and shows their state', async () => {
    const machines = await waitFor('two machines', async () => {
      const list = (await t.http('machines.overview', {}, admin.token)).body as MachineSnapshot[];
      return list.length === 2 ? list : undefined;
    });
    expect(machines.map((m) => [m.machineId, m.lineId, m.state])).toEqual([
      ['M-1', 'L-1', 'running'],
      ['M-2', 'L-1', 'running'],
    ]);
    const operatorView = (await t.http('machines.overview', {}, operator.token))
      .body as MachineSnapshot[];
    expect(operatorView.map((m) => m.machineId)).toEqual(['M-1']);
  });

  it('lets an admin rename a line that registered itself, and logs it', async () => {
    const renamed = await t.http(
      'plant.renameLine',
      { lineId: 'L-1', name: 'Assembly 1' },
      admin.token,
    );
    expect(renamed.body).toEqual({ id: 'L-1', name: 'Assembly 1' });
    const plant = (await t.http('plant.list', {}, operator.token)).body as {
      lines: { name: string }[];
    };
    expect(plant.lines).toEqual([{ id: 'L-1', name: 'Assembly 1' }]);
    expect(
      (await t.http('plant.renameLine', { lineId: 'L-1', name: 'x' }, engineer.token)).status,
    ).toBe(403);
    expect(
      (await t.http('plant.renameLine', { lineId: 'L-404', name: 'x' }, admin.token)).status,
    ).toBe(404);
  });

  it('sends a stop command, records the answer, and the machine goes down', async () => {
    const sent = await t.http(
      'machines.command',
      { machineId: 'M-1', command: 'stop' },
      engineer.token,
    );
    expect(sent.status).toBe(200);
    const id = (sent.body as CommandRecord).id;
    const record = await waitFor('the answer', async () => {
      const list = (await t.http('commands.list', { machineId: 'M-1' }, engineer.token))
        .body as CommandRecord[];
      const found = list.find((command) => command.id === id);
      return found && found.status !== 'sent' ? found : undefined;
    });
    expect(record).toMatchObject({
      status: 'ok',
      answer: 'did stop',
      issuedBy: 'eng',
      command: 'stop',
    });
    const down = await waitFor('M-1 down', async () => {
      const list = (await t.http('machines.overview', {}, engineer.token))
        .body as MachineSnapshot[];
      const m1 = list.find((m) => m.machineId === 'M-1');
      return m1?.state === 'down' ? m1 : undefined;
    });
    expect(down.reason).toBe('stopped by command');
  });

  it('records a refusal from the machine as failed', async () => {
    const sent = await t.http(
      'machines.command',
      { machineId: 'M-1', command: 'reset' },
      admin.token,
    );
    const id = (sent.body as CommandRecord).id;
    const record = await waitFor('the refusal', async () => {
      const list = (await t.http('commands.list', {}, admin.token)).body as CommandRecord[];
      const found = list.find((command) => command.id === id);
      return found && found.status !== 'sent' ? found : undefined;
    });
    expect(record.status).toBe('failed');
  });

  it('times out a command nobody answers within 10 seconds', async () => {
    const sent = await t.http(
      'machines.command',
      { machineId: 'M-2', command: 'set_rate', unitsPerMinute: 30 },
      admin.token,
    );
    expect((sent.body as CommandRecord).args).toEqual({ units_per_minute: 30 });
    const id = (sent.body as CommandRecord).id;
    t.clock.advance(11_000);
    const record = await waitFor('the timeout', async () => {
      const list = (await t.http('commands.list', { machineId: 'M-2' }, admin.token))
        .body as CommandRecord[];
      const found = list.find((command) => command.id === id);
      return found?.status === 'timed_out' ? found : undefined;
    });
    expect(record.answer).toBeNull();
    const events = (await t.http('events.list', { type: 'command.', limit: 50 }, admin.token))
      .body as {
      events: { type: string }[];
    };
    expect(events.events.map((event) => event.type)).toEqual(
      expect.arrayContaining([
        'command.sent',
        'command.answered',
        'command.failed',
        'command.timed_out',
      ]),
    );
  });

  it("refuses commands to operators and outside an engineer's lines", async () => {
    expect(
      (await t.http('machines.command', { machineId: 'M-1', command: 'start' }, operator.token))
        .status,
    ).toBe(403);
    const outsider = await t.createUser(admin.token, 'eng2', 'engineer', {
      lines: ['L-9'],
      machines: [],
    });
    expect(
      (await t.http('machines.command', { machineId: 'M-1', command: 'start' }, outsider.token))
        .status,
    ).toBe(403);
  });

  it('marks a silent machine offline after its heartbeat timeout, as downtime', async () => {
    const from = new Date(Date.now() - 3_600_000).toISOString();
    t.clock.advance(61_000);
    const offline = await waitFor('machines offline', async () => {
      const list = (await t.http('machines.overview', {}, admin.token)).body as MachineSnapshot[];
      return list.every((m) => m.state === 'offline') ? list : undefined;
    });
    expect(offline).toHaveLength(2);
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const downtime = (await t.http('downtime.list', { from, to }, admin.token))
      .body as DowntimeEvent[];
    expect(downtime.filter((d) => d.machineId === 'M-1').map((d) => d.state)).toEqual([
      'down',
      'offline',
    ]);
    expect(downtime.find((d) => d.state === 'down')).toMatchObject({
      reason: 'stopped by command',
    });
    const operatorDowntime = (await t.http('downtime.list', { from, to }, operator.token))
      .body as DowntimeEvent[];
    expect(new Set(operatorDowntime.map((d) => d.machineId))).toEqual(new Set(['M-1']));
  });
});
