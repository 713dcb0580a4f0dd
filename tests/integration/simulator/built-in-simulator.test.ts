import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Alert,
  ApiErrorBody,
  EventPage,
  MachineSnapshot,
  SimulatorStatus,
  TestResult,
} from '../../../src/shared/contract';
import { startTestServer, type TestServer } from '../../helpers/test-backend';
import { waitFor } from '../../helpers/wait';

/** The simulator processes this test's backend started (children of this worker), by pid. */
function simulatorProcesses(): number[] {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
  return table
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .filter(
      ([, , ppid, args]) =>
        Number(ppid) === process.pid && /simulator-process\.ts/.test(args ?? ''),
    )
    .map(([, pid]) => Number(pid));
}

const RUN = { lines: 1, machinesPerLine: 2, rate: 5, seed: 7, scenarios: [] };

describe('the built-in simulator (background process, real embedded broker)', () => {
  let t: TestServer;
  let admin: string;
  let engineer: string;
  let operator: string;
  let closed = false;

  beforeAll(async () => {
    t = await startTestServer({ ingest: true });
    admin = (await t.setupAdmin()).token;
    engineer = (await t.createUser(admin, 'eng', 'engineer', { lines: ['LINE-1'], machines: [] }))
      .token;
    operator = (await t.createUser(admin, 'op', 'operator', { lines: ['LINE-1'], machines: [] }))
      .token;
  });
  afterAll(async () => {
    if (!closed) await t?.close();
  });

  const status = async (): Promise<SimulatorStatus> => {
    const { status: code, body } = await t.http('simulator.status', {}, engineer);
    expect(code).toBe(200);
    return body as SimulatorStatus;
  };

  it('refuses operators', async () => {
    for (const [method, input] of [
      ['simulator.status', {}],
      ['simulator.start', RUN],
      ['simulator.stop', {}],
    ] as const) {
      const { status: code, body } = await t.http(method, input, operator);
      expect(code, method).toBe(403);
      expect((body as ApiErrorBody).code).toBe('FORBIDDEN');
    }
    expect(simulatorProcesses()).toEqual([]);
  });

  it('refuses bad options with INVALID_INPUT, naming the field', async () => {
    const bad = [
      { ...RUN, lines: 0 },
      { ...RUN, lines: 21 },
      { ...RUN, machinesPerLine: 51 },
      // 20 lines of 50 (1,000 machines, one MQTT connection each) is the most: issue 15.
      { ...RUN, rate: 0 },
      { ...RUN, seed: 1.5 },
      { ...RUN, scenarios: ['earthquake'] },
      { ...RUN, scenarios: ['flood', 'flood'] },
    ];
    for (const input of bad) {
      const { status: code, body } = await t.http('simulator.start', input, engineer);
      expect(code, JSON.stringify(input)).toBe(400);
      expect((body as ApiErrorBody).code).toBe('INVALID_INPUT');
      expect((body as ApiErrorBody).issues?.length).toBeGreaterThan(0);
    }
    expect((await status()).running).toBe(false);
    expect(simulatorProcesses()).toEqual([]);
  });

  it('runs a 1 x 2 simulation whose machines and results arrive through ingest', async () => {
    const before = await status();
    expect(before).toMatchObject({ running: false, options: null, counters: null });

    const started = await t.http('simulator.start', RUN, engineer);
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const run = started.body as SimulatorStatus;
    expect(run).toMatchObject({ running: true, startedBy: 'eng', options: RUN });
    const { body: ingest } = await t.http('ingest.status', {}, admin);
    expect(run.brokerUrl).toBe((ingest as { brokerUrl: string }).brokerUrl);
    expect(simulatorProcesses()).toHaveLength(1);

    // A second start while it runs is refused, and starts no second process.
    const again = await t.http('simulator.start', RUN, admin);
    expect(again.status).toBe(409);
    expect((again.body as ApiErrorBody).code).toBe('CONFLICT');
    expect((again.body as ApiErrorBody).message).toMatch(/already runs.*eng/);
    expect(simulatorProcesses()).toHaveLength(1);

    // Counters come back about once a second, and rise.
    const first = await waitFor('counters with test results sent', async () => {
      const current = await status();
      const counters = current.counters;
      return counters && counters.connected === 2 && counters.sent.test > 0 ? counters : null;
    });
    expect(first.machines).toBe(2);
    const later = await waitFor('rising counters', async () => {
      const counters = (await status()).counters;
      return counters && counters.sent.test > first.sent.test + 5 ? counters : null;
    });
    expect(later.sent.telemetry).toBeGreaterThan(0);
    expect(later.sent.state).toBeGreaterThanOrEqual(2);
    expect(later.perSecond).toBeGreaterThan(0);
    expect(later.badData).toBe(0);

    // The machines are on the overview, and their results are stored and scored.
    const machines = await waitFor('both simulated machines on the overview', async () => {
      const { body } = await t.http('machines.overview', {}, engineer);
      const list = body as MachineSnapshot[];
      return list.filter((machine) => machine.lineId === 'LINE-1').length === 2 ? list : null;
    });
    expect(machines.map((machine) => machine.machineId).sort()).toEqual(['MACH-1-01', 'MACH-1-02']);
    expect(machines.every((machine) => machine.state === 'running')).toBe(true);
    const results = await waitFor('stored results', async () => {
      const { body } = await t.http('results.list', { lineId: 'LINE-1', limit: 50 }, engineer);
      const list = (body as { results: TestResult[] }).results;
      return list.length >= 5 ? list : null;
    });
    expect(new Set(results.map((result) => result.machineId))).toEqual(
      new Set(['MACH-1-01', 'MACH-1-02']),
    );
  });

  it('stops: the process ends, the machines go offline, the counters stay still', async () => {
    const pids = simulatorProcesses();
    expect(pids).toHaveLength(1);
    const stopped = await t.http('simulator.stop', {}, engineer);
    expect(stopped.status).toBe(200);
    const after = stopped.body as SimulatorStatus;
    expect(after).toMatchObject({ running: false, endedBecause: 'stopped by eng' });
    expect(after.stoppedAt).not.toBeNull();
    expect(after.counters?.perSecond).toBe(0);
    // stop answers once the process has exited.
    expect(simulatorProcesses()).toEqual([]);
    expect(() => process.kill(pids[0]!, 0)).toThrow();

    // Each machine said goodbye on its state topic.
    await waitFor('both machines offline', async () => {
      const { body } = await t.http('machines.overview', { lineId: 'LINE-1' }, engineer);
      const list = body as MachineSnapshot[];
      return list.length === 2 && list.every((machine) => machine.state === 'offline')
        ? list
        : null;
    });
    const sent = after.counters?.sent.test;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await status()).counters?.sent.test).toBe(sent);

    // Stopping again is harmless.
    expect((await t.http('simulator.stop', {}, engineer)).status).toBe(200);
  });

  it('puts start and stop in the event log, with who did it', async () => {
    const { body } = await t.http('events.list', { type: 'simulator.started' }, admin);
    const startedEvents = (body as EventPage).events;
    expect(startedEvents).toHaveLength(1);
    expect(startedEvents[0]).toMatchObject({ actor: 'eng' });
    expect(startedEvents[0]?.message).toMatch(/1 line\(s\) x 2 machine\(s\)/);
    const stoppedPage = await t.http('events.list', { type: 'simulator.stopped' }, admin);
    const stoppedEvents = (stoppedPage.body as EventPage).events;
    expect(stoppedEvents).toHaveLength(1);
    expect(stoppedEvents[0]).toMatchObject({ actor: 'eng' });
    expect(stoppedEvents[0]?.message).toMatch(/stopped by eng, after sending \d+ messages/);
  });

  it('notices a simulator process that dies, and allows a new start', async () => {
    const started = await t.http('simulator.start', { ...RUN, seed: 9 }, engineer);
    expect(started.status).toBe(200);
    const [pid] = simulatorProcesses();
    process.kill(pid!, 'SIGKILL');
    const ended = await waitFor('the run to end', async () => {
      const current = await status();
      return current.running ? null : current;
    });
    expect(ended.endedBecause).toMatch(/ended unexpectedly/);
    // The event is written after the status changed: wait for it to be the newest.
    const event = await waitFor('the simulator.stopped event', async () => {
      const { body } = await t.http('events.list', { type: 'simulator.stopped', limit: 1 }, admin);
      const [newest] = (body as EventPage).events;
      return newest && /ended unexpectedly/.test(newest.message) ? newest : undefined;
    });
    expect(event).toMatchObject({ actor: null });
    expect(event?.message).toMatch(/ended unexpectedly/);
    // Told as a failure, with the reason, and not restarted behind anyone's back.
    expect(ended.endedBecause).toMatch(/failed: .*killed by SIGKILL/);
    const alerts = await waitFor('the alert of the failed run', async () => {
      const answer = await t.http('alerts.list', { view: 'history', source: 'system' }, admin);
      const found = (answer.body as { alerts: Alert[] }).alerts;
      return found.length ? found : null;
    });
    expect(alerts[0]).toMatchObject({ priority: 'high', lineId: null });
    expect(alerts[0]?.message).toMatch(
      /simulator process ended unexpectedly \(killed by SIGKILL\)/,
    );
    const failed = await t.http('events.list', { type: 'process.failed' }, admin);
    expect((failed.body as EventPage).events.map((record) => record.target)).toEqual(['simulator']);
    expect(simulatorProcesses()).toEqual([]);
  });

  it('stops a running simulation when the backend closes', async () => {
    const started = await t.http('simulator.start', { ...RUN, seed: 8 }, admin);
    expect(started.status).toBe(200);
    expect(simulatorProcesses()).toHaveLength(1);
    closed = true;
    await t.close();
    expect(simulatorProcesses()).toEqual([]);
  });
});
