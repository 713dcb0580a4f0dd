import mqtt, { type MqttClient } from 'mqtt';
import { testResultMessage } from './payloads';
import { waitFor } from '../../../helpers/wait';

export interface Burst {
  /** When each message was handed to the client (performance.now()), by index. */
  publishedAt: Float64Array;
  startedAt: number;
  /** When the broker had acknowledged the last one. */
  finishedAt: number;
  retries: number;
}

/** A plain MQTT.js client (clean session, default offline queue) as a machine would use. */
export async function connectPublisher(url: string, clientId: string): Promise<MqttClient> {
  const client = mqtt.connect(url, {
    clientId,
    clean: true,
    reconnectPeriod: 500,
    protocolVersion: 4,
  });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  return client;
}

/**
 * Publishes `count` distinct test results at QoS 1 as fast as the broker acknowledges them,
 * with at most `window` unacknowledged at a time, or at `perSecond` when given. A publication
 * that fails is sent again.
 */
export async function publishBurst(
  client: MqttClient,
  prefix: string,
  count: number,
  {
    window = 1000,
    perSecond,
    onAcked,
    topicRoot,
  }: {
    window?: number;
    perSecond?: number;
    /** The topics' first level ('factory' unless told). */
    topicRoot?: string;
    /** Told of each message the broker acknowledged, by index. */
    onAcked?: (index: number) => void;
  } = {},
): Promise<Burst> {
  const publishedAt = new Float64Array(count);
  const startedAt = performance.now();
  let next = 0;
  let acked = 0;
  let retries = 0;
  let inFlight = 0;
  await new Promise<void>((resolve) => {
    const send = (index: number) => {
      const { topic, payload } = testResultMessage({ prefix, index, topicRoot });
      inFlight += 1;
      client.publish(topic, payload, { qos: 1 }, (error) => {
        inFlight -= 1;
        if (error) {
          retries += 1;
          setTimeout(() => send(index), 50);
          return;
        }
        acked += 1;
        onAcked?.(index);
        if (acked === count) resolve();
        else pump();
      });
    };
    const due = () =>
      perSecond === undefined
        ? count
        : Math.min(count, Math.floor(((performance.now() - startedAt) * perSecond) / 1000) + 1);
    const pump = () => {
      if (perSecond !== undefined && next < count) setTimeout(pump, 5);
      const until = due();
      while (inFlight < window && next < until) {
        publishedAt[next] = performance.now();
        send(next);
        next += 1;
      }
    };
    pump();
  });
  return { publishedAt, startedAt, finishedAt: performance.now(), retries };
}

/**
 * Keeps producing test results at a steady rate whatever the broker does. While the broker is
 * away MQTT.js keeps QoS 1 publications in its offline store and sends them on reconnect; a
 * publication that still fails is sent again. `produced` is the exact number of distinct
 * messages it made (indices 0..produced-1).
 */
export class SteadyProducer {
  produced = 0;
  acked = 0;
  retries = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly client: MqttClient,
    private readonly prefix: string,
    private readonly perSecond: number,
  ) {}

  start(): void {
    const tickMs = 20;
    const startedAt = performance.now();
    this.timer = setInterval(() => {
      const due = Math.floor(((performance.now() - startedAt) * this.perSecond) / 1000);
      while (this.produced < due) this.send(this.produced++);
    }, tickMs);
  }

  /** Stops producing and waits until the broker has acknowledged everything produced. */
  async stop(timeoutMs = 60_000): Promise<number> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await waitFor(
      'the broker to acknowledge every produced message',
      () => (this.acked === this.produced ? true : undefined),
      { timeoutMs, everyMs: 50 },
    );
    return this.produced;
  }

  private send(index: number): void {
    const { topic, payload } = testResultMessage({ prefix: this.prefix, index });
    this.client.publish(topic, payload, { qos: 1 }, (error) => {
      if (error) {
        this.retries += 1;
        setTimeout(() => this.send(index), 100);
      } else {
        this.acked += 1;
      }
    });
  }
}

/**
 * Publishes the same probe (stored once, however often it arrives) until `stored` says it is
 * in the database. Right after Linewatch starts, its subscription may not be in place yet, and
 * a broker gives a message published before it to nobody.
 */
export async function probeUntilStored(
  client: MqttClient,
  prefix: string,
  stored: () => boolean,
): Promise<void> {
  await waitFor(
    `a ${prefix} probe to be stored`,
    async () => {
      if (stored()) return true;
      await publishBurst(client, prefix, 1);
      return stored() ? true : undefined;
    },
    { everyMs: 100 },
  );
}
