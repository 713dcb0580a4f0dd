import mqtt, { type MqttClient } from 'mqtt';
import {
  decodePayload,
  encodePayload,
  type MetricValue,
} from '../src/backend/ingest/sparkplug/sparkplug-codec';
import { DataType } from '../src/backend/ingest/sparkplug/sparkplug-schema';
import { sparkplugTopic, type MessageType } from '../src/backend/ingest/sparkplug/sparkplug-topic';

/** A metric a simulated device declares in its birth: name, type and first value. */
export interface DeviceMetric {
  name: string;
  datatype: number;
  value: MetricValue;
}

export interface EdgeNodeOptions {
  url: string;
  root?: string;
  groupId: string;
  edgeNodeId: string;
  /** bdSeq of the first connection (then +1 per connection, 0–255). */
  bdSeq?: number;
  now?: () => number;
}

/**
 * A Sparkplug B edge node as the plant floor's gateways are: NBIRTH with bdSeq and seq, its
 * devices' DBIRTHs, NDATA/DDATA by alias with seq 0–255 wrapping, DDEATH, and an NDEATH will
 * (QoS 1, not retained). It answers NCMD `Node Control/Rebirth` with new births. For the
 * simulator's `--sparkplug` and the tests; `skipSeq` forces a sequence gap.
 */
export class SparkplugEdgeNode {
  private client: MqttClient | null = null;
  private seq = 0;
  private bdSeq: number;
  private nextAlias = 1;
  private readonly devices = new Map<
    string,
    Map<string, { alias: number; datatype: number; value: MetricValue }>
  >();
  private readonly root: string;
  private readonly now: () => number;
  /** Rebirth requests answered with new births (NCMD Node Control/Rebirth = true). */
  rebirthRequests = 0;

  constructor(private readonly options: EdgeNodeOptions) {
    this.root = options.root ?? 'spBv1.0';
    this.bdSeq = options.bdSeq ?? 0;
    this.now = options.now ?? Date.now;
  }

  /** Declares a device (or the node itself, id '') and its metrics, before or after connect. */
  addDevice(deviceId: string, metrics: DeviceMetric[]): void {
    const declared = new Map<string, { alias: number; datatype: number; value: MetricValue }>();
    for (const metric of metrics) {
      declared.set(metric.name, {
        alias: this.nextAlias++,
        datatype: metric.datatype,
        value: metric.value,
      });
    }
    this.devices.set(deviceId, declared);
  }

  private topic(messageType: MessageType, deviceId = ''): string {
    return sparkplugTopic(this.root, {
      messageType,
      groupId: this.options.groupId,
      edgeNodeId: this.options.edgeNodeId,
      deviceId,
    });
  }

  private deathPayload(): Buffer {
    return Buffer.from(
      encodePayload({
        timestampMs: this.now(),
        metrics: [{ name: 'bdSeq', datatype: DataType.Int64, value: this.bdSeq }],
      }),
    );
  }

  /** Connects (clean session, NDEATH will) and publishes the births. */
  async connect(): Promise<void> {
    const client = await mqtt.connectAsync(this.options.url, {
      clientId: `spb-${this.options.groupId}-${this.options.edgeNodeId}`.slice(0, 64),
      clean: true,
      protocolVersion: 4,
      reconnectPeriod: 0,
      will: { topic: this.topic('NDEATH'), payload: this.deathPayload(), qos: 1, retain: false },
    });
    this.client = client;
    client.on('message', (topic, payload) => {
      if (topic !== this.topic('NCMD')) return;
      const decoded = decodePayload(payload);
      const rebirth =
        decoded.ok &&
        decoded.payload.metrics.some(
          (metric) => metric.name === 'Node Control/Rebirth' && metric.value === true,
        );
      // Counted once the new births are out, so a caller may go on from a settled session.
      if (rebirth)
        void this.births().then(
          () => (this.rebirthRequests += 1),
          () => undefined,
        );
    });
    await client.subscribeAsync(this.topic('NCMD'), { qos: 1 });
    await this.births();
  }

  /** NBIRTH (seq restarts at 0) and a DBIRTH per device, with every metric's alias and value. */
  async births(): Promise<void> {
    this.seq = 0;
    const node = this.devices.get('') ?? new Map();
    await this.send('NBIRTH', '', [
      { name: 'bdSeq', datatype: DataType.Int64, value: this.bdSeq },
      { name: 'Node Control/Rebirth', datatype: DataType.Boolean, value: false },
      ...[...node].map(([name, metric]) => ({
        name,
        alias: metric.alias,
        datatype: metric.datatype,
        value: metric.value,
      })),
    ]);
    for (const [deviceId, metrics] of this.devices) {
      if (deviceId === '') continue;
      await this.send(
        'DBIRTH',
        deviceId,
        [...metrics].map(([name, metric]) => ({
          name,
          alias: metric.alias,
          datatype: metric.datatype,
          value: metric.value,
        })),
      );
    }
  }

  /** NDATA/DDATA with the changed metrics, by alias only. */
  async data(
    deviceId: string,
    values: Record<string, MetricValue>,
    timestampMs = this.now(),
  ): Promise<void> {
    const declared = this.devices.get(deviceId);
    if (!declared) throw new Error(`no device ${deviceId}`);
    const metrics = Object.entries(values).map(([name, value]) => {
      const metric = declared.get(name);
      if (!metric) throw new Error(`device ${deviceId} declared no metric ${name}`);
      metric.value = value;
      return { alias: metric.alias, datatype: metric.datatype, value, timestampMs };
    });
    await this.send(deviceId === '' ? 'NDATA' : 'DDATA', deviceId, metrics, timestampMs);
  }

  /** Loses `count` messages: the next one's seq jumps (a forced gap). */
  skipSeq(count = 1): void {
    this.seq = (this.seq + count) % 256;
  }

  async deviceDeath(deviceId: string): Promise<void> {
    await this.send('DDEATH', deviceId, []);
  }

  /** A clean NDEATH and disconnect; the next connect() uses the next bdSeq. */
  async disconnect(): Promise<void> {
    const client = this.client;
    if (!client) return;
    await client.publishAsync(this.topic('NDEATH'), this.deathPayload(), { qos: 1 });
    await client.endAsync();
    this.client = null;
    this.bdSeq = (this.bdSeq + 1) % 256;
  }

  /** Drops the connection without a word: the broker publishes the NDEATH will. */
  async vanish(): Promise<void> {
    const client = this.client;
    if (!client) return;
    (client as unknown as { stream: { destroy(): void } }).stream.destroy();
    await client.endAsync(true);
    this.client = null;
    this.bdSeq = (this.bdSeq + 1) % 256;
  }

  private async send(
    messageType: MessageType,
    deviceId: string,
    metrics: {
      name?: string;
      alias?: number;
      datatype: number;
      value: MetricValue;
      timestampMs?: number;
    }[],
    timestampMs = this.now(),
  ): Promise<void> {
    if (!this.client) throw new Error('not connected');
    const payload = encodePayload({ timestampMs, seq: this.seq, metrics });
    this.seq = (this.seq + 1) % 256;
    // QoS 1: Linewatch acknowledges after its commit (Sparkplug allows 0; gateways offer 1).
    await this.client.publishAsync(this.topic(messageType, deviceId), Buffer.from(payload), {
      qos: 1,
    });
  }
}
