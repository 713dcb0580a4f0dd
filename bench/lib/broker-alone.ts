import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { forkWithNode } from '../../src/backend/process/node-fork';
import type { FromBroker, ToBroker } from '../../src/backend/ingest/broker/broker-protocol';
import { connectPublisher, publishBurst } from '../../tests/integration/ingest/support/publisher';
import { formatRate } from './stats';

const ENTRY = join(process.cwd(), 'src/backend/ingest/broker/broker-process.ts');

export type BrokerMode = 'memory' | 'normal' | 'full';

/**
 * The embedded broker's process alone, as the backend starts it: a QoS 1 publisher (1,000 in
 * flight) and a subscriber with a persistent session that acknowledges at once, like
 * Linewatch's. Prints messages per second from the first publish to the last one received.
 */
export async function runBrokerAlone(mode: BrokerMode, count: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'linewatch-bench-broker-'));
  const previous = process.env.LINEWATCH_BENCH_BROKER_PERSISTENCE;
  process.env.LINEWATCH_BENCH_BROKER_PERSISTENCE = mode;
  const channel = forkWithNode(ENTRY);
  if (previous === undefined) delete process.env.LINEWATCH_BENCH_BROKER_PERSISTENCE;
  else process.env.LINEWATCH_BENCH_BROKER_PERSISTENCE = previous;
  const exited = new Promise<void>((resolve) => channel.onExit(() => resolve()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      channel.onMessage((raw) => {
        const message = raw as FromBroker;
        if (message.kind === 'listening') resolve(message.url);
        else reject(new Error(message.message));
      });
      const listen: ToBroker = {
        kind: 'listen',
        port: 0,
        host: '127.0.0.1',
        persistenceFile: join(dir, 'broker.sqlite'),
      };
      channel.postMessage(listen);
    });
    const subscriber = await mqtt.connectAsync(url, {
      clientId: `bench-broker-sub-${mode}`,
      clean: false,
      protocolVersion: 4,
    });
    await subscriber.subscribeAsync('factory/+/+/test', { qos: 1 });
    let received = 0;
    let doneAt = 0;
    const done = new Promise<void>((resolve) =>
      subscriber.on('message', () => {
        received += 1;
        if (received === count) {
          doneAt = performance.now();
          resolve();
        }
      }),
    );
    const publisher = await connectPublisher(url, `bench-broker-pub-${mode}`);
    try {
      const burst = await publishBurst(publisher, 'BROKER', count);
      await done;
      const ms = doneAt - burst.startedAt;
      console.log(
        `embedded broker alone (${describe(mode)}): ${count} QoS 1 msgs, ` +
          `acknowledged to the publisher at ${formatRate(count, burst.finishedAt - burst.startedAt)}, ` +
          `delivered at ${formatRate(count, ms)}`,
      );
      return (count * 1000) / ms;
    } finally {
      await publisher.endAsync(true);
      await subscriber.endAsync(true);
    }
  } finally {
    channel.kill();
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

function describe(mode: BrokerMode): string {
  if (mode === 'memory') return "in memory, aedes' default";
  if (mode === 'normal') return 'broker.sqlite, synchronous=NORMAL';
  return 'broker.sqlite, synchronous=FULL';
}
