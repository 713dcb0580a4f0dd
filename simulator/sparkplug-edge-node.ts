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

/** A host's write to declared metrics (NCMD: the node's own, device ''; DCMD: a device's). */
export interface MetricWrite {
  name: string;
  value: MetricValue;
}

/**
 * What the edge node does with a write: the metrics to report back (NDATA/DDATA), as a gateway
 * reports a tag after writing it (the value written, or what the machine kept when it refused),
 * or nothing to stay silent.
 */
export type WriteHandler = (
  deviceId: string,
  writes: MetricWrite[],
) => Record<string, MetricValue> | null | Promise<Record<string, MetricValue> | null>;

export interface EdgeNodeOptions {
  url: string;
  root?: string;
  groupId: string;
  edgeNodeId: string;
  /** bdSeq of the first connection (then +1 per connection, 0–255). */
  bdSeq?: number;
  now?: () => number;
  /** Answers NCMD/DCMD writes to declared metrics (without it, writes are not answered). */
  onWrite?: WriteHandler;
}

/**
 * A Sparkplug B edge node as the plant floor's gateways are: NBIRTH with bdSeq and seq, its
 * devices' DBIRTHs, NDATA/DDATA by alias with seq 0–255 wrapping, DDEATH, and an NDEATH will
 * (QoS 1, not retained). It answers NCMD `Node Control/Rebirth` with new births, and hands
 * NCMD/DCMD writes to its declared metrics (by name or alias) to `onWrite`, reporting what
 * that returns. For the simulator's `--sparkplug` and the tests; `skipSeq` forces a gap.
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
  /** Writes to declared metrics received (NCMD/DCMD), answered or not. */
  writesReceived = 0;

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
    client.on('message', (topic, payload) => this.command(topic, payload));
    await client.subscribeAsync([this.topic('NCMD'), `${this.topic('DCMD')}/+`], { qos: 1 });
    await this.births();
  }

  /** An NCMD or DCMD: a rebirth request, or writes to declared metrics. */
  private command(topic: string, payload: Buffer): void {
    const deviceId = topic.startsWith(`${this.topic('DCMD')}/`)
      ? topic.slice(this.topic('DCMD').length + 1)
      : topic === this.topic('NCMD')
        ? ''
        : null;
    const declared = deviceId === null ? undefined : this.devices.get(deviceId);
    const decoded = decodePayload(payload);
    if (deviceId === null || !decoded.ok) return;
    const rebirth =
      deviceId === '' &&
      decoded.payload.metrics.some(
        (metric) => metric.name === 'Node Control/Rebirth' && metric.value === true,
      );
    // Counted once the new births are out, so a caller may go on from a settled session.
    if (rebirth) {
      void this.births().then(
        () => (this.rebirthRequests += 1),
        () => undefined,
      );
      return;
    }
    const writes: MetricWrite[] = [];
    for (const metric of decoded.payload.metrics) {
      const name =
        metric.name ?? [...(declared ?? [])].find(([, known]) => known.alias === metric.alias)?.[0];
      // A write to a metric the node never declared is not the node's to answer.
      if (name === undefined || !declared?.has(name) || metric.value === undefined) continue;
      writes.push({ name, value: metric.value });
    }
    if (writes.length === 0) return;
    this.writesReceived += 1;
    const handler = this.options.onWrite;
    if (!handler) return;
    void Promise.resolve(handler(deviceId, writes))
      .then((report) =>
        report && Object.keys(report).length > 0 ? this.data(deviceId, report) : undefined,
      )
      .catch(() => undefined); // disconnected meanwhile: the host times the command out
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
