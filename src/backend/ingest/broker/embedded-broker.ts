import { createServer, type Server } from 'node:net';
import { Aedes } from 'aedes';
import { matchEmptyTopicLevels } from './match-empty-levels';

export interface EmbeddedBroker {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The MQTT broker Linewatch starts when none is configured, so the app and the simulator
 * work out of the box. Loopback only: machines on the floor use the plant's own broker.
 * Its queues live in memory; a persistent external broker is what a plant should run.
 */
export async function startEmbeddedBroker(
  port = 1883,
  host = '127.0.0.1',
): Promise<EmbeddedBroker> {
  matchEmptyTopicLevels();
  const broker = await Aedes.createBroker({ queueLimit: 1_000_000 });
  const server: Server = createServer(broker.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `mqtt://${host}:${boundPort}`,
    port: boundPort,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => broker.close(() => resolve()));
    },
  };
}
