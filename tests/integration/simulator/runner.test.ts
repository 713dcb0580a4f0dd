import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimulatorRunner } from '../../../simulator/runner';
import { Recorder, sleep, startAedes } from './broker-helpers';
import { waitFor } from '../../helpers/wait';

const LINE = 'LINE-1';
const STOPPED = 'MACH-1-01';
const OTHER = 'MACH-1-02';

describe('simulator runner against aedes', () => {
  let broker: Awaited<ReturnType<typeof startAedes>>;
  let runner: SimulatorRunner | null = null;
  let recorder: Recorder | null = null;

  beforeEach(async () => {
    broker = await startAedes();
  });

  afterEach(async () => {
    await runner?.stop();
    await recorder?.close();
    await broker.close();
    runner = null;
    recorder = null;
  });

  it('publishes messages that parse, obeys stop, answers on command/ack and says offline at the end', async () => {
    recorder = await Recorder.connect(broker.url, 'factory/#');
    runner = new SimulatorRunner({
      brokerUrl: broker.url,
      model: { seed: 7, lines: 1, machinesPerLine: 2, messagesPerSecond: 10, runId: 'it1' },
    });
    runner.start();
    await waitFor('both machines to connect', () => runner!.stats.connected === 2, {
      timeoutMs: 5000,
    });
    const expectedKinds = [STOPPED, OTHER].flatMap((machine) =>
      ['state', 'telemetry', 'test'].map((kind) => `${machine}:${kind}`),
    );
    const kinds = (): Set<string> =>
      new Set(recorder!.parsed().map((message) => `${message.machineId}:${message.kind}`));
    await waitFor('state, telemetry and test results from both machines', () =>
      expectedKinds.every((kind) => kinds().has(kind)),
    );

    const recorded = recorder.received;
    const refused = recorded.filter((message) => !message.outcome.ok);
    expect(refused).toEqual([]);

    const command = {
      command_id: 'it-stop-1',
      command: 'stop',
      args: {},
      issued_by: 'engineer1',
      timestamp: new Date().toISOString(),
    };
    await recorder.client.publishAsync(
      `factory/${LINE}/${STOPPED}/command`,
      JSON.stringify(command),
      { qos: 1 },
    );
    await waitFor(
      'the answer to stop',
      () =>
        recorder!
          .parsed()
          .some((message) => message.kind === 'commandAck' && message.commandId === 'it-stop-1'),
      { timeoutMs: 5000 },
    );
    const parsed = recorder.parsed();
    const ackIndex = parsed.findIndex((message) => message.kind === 'commandAck');
    expect(parsed[ackIndex]).toMatchObject({ machineId: STOPPED, ok: true, message: 'stopped' });
    const lastState = parsed
      .filter((message) => message.kind === 'state' && message.machineId === STOPPED)
      .at(-1);
    expect(lastState).toMatchObject({ state: 'idle' });
    // The app's own command, echoed through factory/#, is ignored by the parser, not refused.
    expect(
      recorder.received.find((message) => message.topic.endsWith('/command'))?.outcome,
    ).toMatchObject({ ignored: true });

    const countAfterAck = recorder.received.length;
    // A window in which the stopped machine must stay silent while the other goes on.
    await sleep(1500);
    const afterStop = recorder.parsed().slice(countAfterAck);
    expect(
      afterStop.filter((message) => message.kind === 'test' && message.machineId === STOPPED),
    ).toEqual([]);
    expect(
      afterStop.filter((message) => message.kind === 'test' && message.machineId === OTHER).length,
    ).toBeGreaterThan(0);
    const counters = afterStop.flatMap((message) =>
      message.kind === 'telemetry' && message.machineId === STOPPED ? [message.unitsProduced] : [],
    );
    expect(new Set(counters).size).toBeLessThanOrEqual(1);

    const stats = runner.stats;
    expect(stats.commandsReceived).toBe(1);
    expect(stats.sent.commandAck).toBe(1);
    expect(stats.errors).toBe(0);

    await runner.stop();
    runner = null;
    await waitFor(
      'both machines to say offline',
      () =>
        recorder!
          .parsed()
          .filter((message) => message.kind === 'state' && message.state === 'offline').length ===
        2,
      { timeoutMs: 5000 },
    );
  });

  it('retains each machine state for a subscriber that connects later', async () => {
    runner = new SimulatorRunner({
      brokerUrl: broker.url,
      model: { seed: 8, lines: 1, machinesPerLine: 2, messagesPerSecond: 2, runId: 'it2' },
    });
    runner.start();
    await waitFor('the first states', () => runner!.stats.sent.state >= 2, { timeoutMs: 5000 });
    recorder = await Recorder.connect(broker.url, 'factory/+/+/state');
    await waitFor('retained states', () => recorder!.received.length >= 2, { timeoutMs: 5000 });
    expect(recorder.received.every((message) => message.retain && message.outcome.ok)).toBe(true);
  });

  it('publishes the last will when a machine connection dies', async () => {
    runner = new SimulatorRunner({
      brokerUrl: broker.url,
      model: {
        seed: 9,
        lines: 1,
        machinesPerLine: 1,
        messagesPerSecond: 2,
        runId: 'it3',
      },
      reconnectPeriodMs: 200,
    });
    recorder = await Recorder.connect(broker.url, 'factory/+/+/state');
    runner.start();
    await waitFor('the machine to connect', () => runner!.stats.connected === 1, {
      timeoutMs: 5000,
    });
    runner.dropConnections(500);
    await waitFor(
      'the last will',
      () => recorder!.received.some((message) => message.payload === '{"state":"offline"}'),
      { timeoutMs: 5000 },
    );
    await waitFor('the reconnect', () => runner!.stats.reconnects === 1, { timeoutMs: 5000 });
    const latestState = (): string | undefined => {
      const latest = recorder!.parsed().at(-1);
      return latest?.kind === 'state' ? latest.state : undefined;
    };
    // The will left `offline` retained: the runner must say the real state again.
    await waitFor('the state to be said again', () => latestState() === 'running', {
      timeoutMs: 5000,
    });
  });
});
