import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatorRunner } from '../../../simulator/runner';
import { MOSQUITTO_BINARY, type Mosquitto, startMosquitto } from '../../helpers/mosquitto';
import { Recorder, sleep } from './broker-helpers';
import { waitFor } from '../../helpers/wait';

describe.skipIf(!existsSync(MOSQUITTO_BINARY))('broker drop against mosquitto', () => {
  let broker: Mosquitto | null = null;
  let runner: SimulatorRunner | null = null;
  let recorder: Recorder | null = null;

  afterEach(async () => {
    await runner?.stop();
    await recorder?.close();
    await broker?.dispose();
  });

  it('buffers while the broker is down for 3 s and delivers every test result after it comes back', async () => {
    // Persistence on: the recorder's session, and the messages queued for it, survive the
    // restart, so whether it sees the runner's flush does not depend on who reconnects first.
    broker = await startMosquitto();
    // A persistent session, so messages the runner flushes before this client is back are queued for it.
    recorder = await Recorder.connect(broker.url, 'factory/+/+/test', {
      clientId: 'drop-test-recorder',
      clean: false,
    });
    runner = new SimulatorRunner({
      brokerUrl: broker.url,
      model: { seed: 11, lines: 1, machinesPerLine: 2, messagesPerSecond: 20, runId: 'drop' },
      reconnectPeriodMs: 250,
    });
    runner.start();
    await waitFor('both machines to connect', () => runner!.stats.connected === 2, {
      timeoutMs: 5000,
    });
    await sleep(1500);

    await broker.stop();
    await waitFor('the runner to notice', () => runner!.stats.connected === 0, { timeoutMs: 5000 });
    await sleep(3000);
    const bufferedWhileDown = runner.stats.buffered;
    await broker.start();
    await waitFor(
      'the reconnect and flush',
      () => runner!.stats.connected === 2 && runner!.stats.buffered === 0,
      { timeoutMs: 10_000 },
    );
    await sleep(1000);
    await runner.stop();
    const stats = runner.stats;
    runner = null;

    const uniqueIds = (): Set<string> =>
      new Set(
        recorder!
          .parsed()
          .flatMap((message) =>
            message.kind === 'test' && message.messageId ? [message.messageId] : [],
          ),
      );
    await waitFor('every test result to arrive', () => uniqueIds().size >= stats.generated.test, {
      timeoutMs: 10_000,
    }).catch(() => undefined);

    expect(bufferedWhileDown).toBeGreaterThan(50); // ~16 test results/s per machine for 3 s
    expect(stats.reconnects).toBe(2);
    expect(stats.droppedFromBuffer).toBe(0);
    expect(stats.buffered).toBe(0);
    expect(recorder.received.every((message) => message.outcome.ok)).toBe(true);
    expect(uniqueIds().size).toBe(stats.generated.test);
    expect(stats.sent.test).toBeGreaterThanOrEqual(stats.generated.test);
  });
});
