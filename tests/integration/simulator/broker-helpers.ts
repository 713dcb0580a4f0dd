import net from 'node:net';
import { Aedes } from 'aedes';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { type ParsedMessage, parseFactoryMessage } from '../../../src/backend/ingest/protocol';

export interface ReceivedMessage {
  topic: string;
  payload: string;
  retain: boolean;
  outcome: ReturnType<typeof parseFactoryMessage>;
}

/** An MQTT.js subscriber that keeps everything it receives, parsed with the protocol parser. */
export class Recorder {
  readonly received: ReceivedMessage[] = [];
  private constructor(readonly client: MqttClient) {
    client.on('message', (topic, payload, packet) => {
      this.received.push({
        topic,
        payload: payload.toString('utf8'),
        retain: packet.retain,
        outcome: parseFactoryMessage(topic, payload),
      });
    });
  }

  static async connect(
    url: string,
    filter: string,
    options: IClientOptions = {},
  ): Promise<Recorder> {
    const client = await mqtt.connectAsync(url, { reconnectPeriod: 100, ...options });
    const recorder = new Recorder(client);
    await client.subscribeAsync(filter, { qos: 1 });
    return recorder;
  }

  parsed(): ParsedMessage[] {
    return this.received.flatMap((message) =>
      message.outcome.ok ? [message.outcome.message] : [],
    );
  }

  async close(): Promise<void> {
    await this.client.endAsync(true);
  }
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** Aedes in this process on a free port. */
export async function startAedes(): Promise<{ url: string; close: () => Promise<void> }> {
  const broker = await Aedes.createBroker();
  const server = net.createServer(broker.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return {
    url: `mqtt://127.0.0.1:${address.port}`,
    close: async () => {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
