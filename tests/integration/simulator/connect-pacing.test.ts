import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CONNECTING_AT_ONCE, SimulatorRunner } from '../../../simulator/runner';
import { startAedes } from './broker-helpers';
import { waitFor } from '../../helpers/wait';

/**
 * A thousand simulated machines must not all knock at once: a loaded broker that cannot answer
 * them within MQTT.js's connect timeout sees every client give up and try again (issue 15).
 */
describe('the simulator opens its connections a few at a time', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('keeps at most CONNECTING_AT_ONCE connections waiting for a broker that does not answer', async () => {
    // A "broker" that accepts TCP connections and never answers CONNECT.
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          for (const socket of sockets) socket.destroy();
          silent.close(() => resolve());
        }),
    );
    const { port } = silent.address() as net.AddressInfo;
    const runner = new SimulatorRunner({
      brokerUrl: `mqtt://127.0.0.1:${port}`,
      model: { seed: 1, lines: 2, machinesPerLine: 50, messagesPerSecond: 1, runId: 'pace' },
    });
    cleanups.push(() => runner.stop());
    runner.start();
    await waitFor('the first connections to arrive', () => sockets.length >= CONNECTING_AT_ONCE, {
      timeoutMs: 10_000,
    });
    // A negative, so a window to watch: MQTT.js's own connect timeout is 10 s, and within it no
    // other machine may start (without the pacing all 100 arrive at once, within milliseconds).
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(sockets.length).toBe(CONNECTING_AT_ONCE);
  });

  it('connects every machine of a larger plant to a real broker, in turns', async () => {
    const broker = await startAedes();
    cleanups.push(() => broker.close());
    const runner = new SimulatorRunner({
      brokerUrl: broker.url,
      model: { seed: 1, lines: 3, machinesPerLine: 40, messagesPerSecond: 1, runId: 'pace2' },
    });
    cleanups.push(() => runner.stop());
    runner.start();
    await waitFor(
      'all 120 machines to connect',
      () => runner.stats.connected === 120 || undefined,
      {
        timeoutMs: 60_000,
      },
    );
    expect(runner.stats.errors).toBe(0);
  });
});
