import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DowntimeEvent, Session, StatePeriod } from '../../../src/shared/contract';
import { startTestServer, type TestServer } from '../../helpers/test-backend';
import { waitFor } from '../../helpers/wait';

const MINUTE_MS = 60_000;

/** The history the machines report, as [line, machine, state, minutes after base, reason]. */
const HISTORY: [string, string, string, number, string?][] = [
  ['L-1', 'M-1', 'running', 0],
  ['L-1', 'M-1', 'idle', 60],
  ['L-1', 'M-1', 'down', 90, 'jam'],
  ['L-1', 'M-1', 'running', 120],
  ['L-1', 'M-1', 'maintenance', 180, 'belt change'],
  ['L-1', 'M-2', 'idle', 0],
  ['L-1', 'M-2', 'running', 30],
  ['L-2', 'M-3', 'running', 0],
  ['L-2', 'M-3', 'offline', 100],
];

describe('machines.states: the full state timeline through a real broker', () => {
  let t: TestServer;
  let admin: Session;
  let engineer: Session;
  let operator: Session;
  // Ten hours ago, on a whole minute: every period below lies in the past.
  const base = Math.floor((Date.now() - 10 * 60 * MINUTE_MS) / MINUTE_MS) * MINUTE_MS;
  const at = (minutes: number) => new Date(base + minutes * MINUTE_MS).toISOString();
  const range = (fromMinutes: number, toMinutes: number) => ({
    from: at(fromMinutes),
    to: at(toMinutes),
  });

  const states = async (token: string, input: Record<string, unknown>) => {
    const { status, body } = await t.http('machines.states', input, token);
    expect(status).toBe(200);
    return (body as StatePeriod[]).map((p) => ({
      machineId: p.machineId,
      lineId: p.lineId,
      state: p.state,
      reason: p.reason,
      start: p.start,
      end: p.end,
    }));
  };

  beforeAll(async () => {
    t = await startTestServer({ ingest: true });
    admin = await t.setupAdmin();
    await waitFor('ingest to connect', async () => {
      const s = (await t.http('ingest.status', {}, admin.token)).body as { state: string };
      return s.state === 'connected' ? true : undefined;
    });
    const { brokerUrl } = (await t.http('ingest.status', {}, admin.token)).body as {
      brokerUrl: string;
    };
    const machine = await mqtt.connectAsync(brokerUrl);
    for (const [line, machineId, state, minutes, reason] of HISTORY) {
      await machine.publishAsync(
        `factory/${line}/${machineId}/state`,
        JSON.stringify({ timestamp: at(minutes), state, ...(reason ? { reason } : {}) }),
        { qos: 1 },
      );
    }
    await machine.endAsync();
    await waitFor('every state to be stored', async () => {
      const all = await states(admin.token, range(-60, 240));
      return all.length === HISTORY.length ? all : undefined;
    });
    engineer = await t.createUser(admin.token, 'eng', 'engineer', { lines: ['L-1'], machines: [] });
    operator = await t.createUser(admin.token, 'op', 'operator', { lines: [], machines: ['M-1'] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('tells running and idle apart and cuts the periods to the range', async () => {
    expect(await states(admin.token, { ...range(75, 150), machineId: 'M-1' })).toEqual([
      // Idle since minute 60 is the state in force at `from`: it starts at `from`.
      { machineId: 'M-1', lineId: 'L-1', state: 'idle', reason: null, start: at(75), end: at(90) },
      {
        machineId: 'M-1',
        lineId: 'L-1',
        state: 'down',
        reason: 'jam',
        start: at(90),
        end: at(120),
      },
      // Running lasts until minute 180; the range ends first.
      {
        machineId: 'M-1',
        lineId: 'L-1',
        state: 'running',
        reason: null,
        start: at(120),
        end: at(150),
      },
    ]);
  });

  it('gives every machine its state in force, a finished one ending at `to`', async () => {
    const all = await states(admin.token, range(75, 150));
    const byMachine = (a: StatePeriod, b: StatePeriod) =>
      a.machineId.localeCompare(b.machineId) || a.start.localeCompare(b.start);
    expect(all.filter((p) => p.machineId !== 'M-1').sort(byMachine)).toEqual([
      // M-2 runs on past `to` with no later state; M-3 went offline and stays so.
      {
        machineId: 'M-2',
        lineId: 'L-1',
        state: 'running',
        reason: null,
        start: at(75),
        end: at(150),
      },
      {
        machineId: 'M-3',
        lineId: 'L-2',
        state: 'running',
        reason: null,
        start: at(75),
        end: at(100),
      },
      {
        machineId: 'M-3',
        lineId: 'L-2',
        state: 'offline',
        reason: null,
        start: at(100),
        end: at(150),
      },
    ]);
    // Nothing is left out and nothing overlaps: each machine's periods fill the range.
    for (const machineId of ['M-1', 'M-2', 'M-3']) {
      const own = all.filter((p) => p.machineId === machineId);
      expect(own[0]?.start).toBe(at(75));
      expect(own.at(-1)?.end).toBe(at(150));
      own.slice(1).forEach((p, index) => expect(p.start).toBe(own[index]?.end));
    }
  });

  it('leaves the state still in force open when the range reaches now', async () => {
    const now = Date.now();
    const periods = await states(admin.token, {
      from: at(170),
      to: new Date(now + 60 * MINUTE_MS).toISOString(),
      machineId: 'M-1',
    });
    expect(periods).toEqual([
      {
        machineId: 'M-1',
        lineId: 'L-1',
        state: 'running',
        reason: null,
        start: at(170),
        end: at(180),
      },
      {
        machineId: 'M-1',
        lineId: 'L-1',
        state: 'maintenance',
        reason: 'belt change',
        start: at(180),
        end: null,
      },
    ]);
  });

  it('draws nothing before a machine first reported', async () => {
    expect(await states(admin.token, { ...range(-60, 10), machineId: 'M-2' })).toEqual([
      { machineId: 'M-2', lineId: 'L-1', state: 'idle', reason: null, start: at(0), end: at(10) },
    ]);
    expect(await states(admin.token, { ...range(-60, -30), machineId: 'M-2' })).toEqual([]);
  });

  it('keeps downtime.list as the down, maintenance and offline part of the same history', async () => {
    const { body } = await t.http('downtime.list', range(75, 150), admin.token);
    const downtime = body as DowntimeEvent[];
    expect(downtime.map((e) => [e.machineId, e.state, e.start, e.end, e.durationS])).toEqual([
      ['M-1', 'down', at(90), at(120), 30 * 60],
      ['M-3', 'offline', at(100), null, 50 * 60],
    ]);
  });

  it('shows an operator only their machine and an engineer only their line', async () => {
    const ofOperator = await states(operator.token, range(75, 150));
    expect(new Set(ofOperator.map((p) => p.machineId))).toEqual(new Set(['M-1']));
    expect(ofOperator).toHaveLength(3);
    expect(await states(operator.token, { ...range(75, 150), machineId: 'M-2' })).toEqual([]);

    const ofEngineer = await states(engineer.token, range(75, 150));
    expect(new Set(ofEngineer.map((p) => p.machineId))).toEqual(new Set(['M-1', 'M-2']));
    expect(await states(engineer.token, { ...range(75, 150), lineId: 'L-2' })).toEqual([]);
    expect(await states(engineer.token, { ...range(75, 150), machineId: 'M-3' })).toEqual([]);
    // The admin narrowing to a line gets that line only.
    const lineTwo = await states(admin.token, { ...range(75, 150), lineId: 'L-2' });
    expect(lineTwo.map((p) => p.state)).toEqual(['running', 'offline']);
  });
});
