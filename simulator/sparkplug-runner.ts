import { EventEmitter } from 'node:events';
import { DataType } from '../src/backend/ingest/sparkplug/sparkplug-schema';
import type { MetricValue } from '../src/backend/ingest/sparkplug/sparkplug-codec';
import { FactoryModel, type FactoryModelOptions, type OutgoingMessage } from './model';
import { SparkplugEdgeNode, type DeviceMetric } from './sparkplug-edge-node';

export interface SparkplugRunnerOptions {
  brokerUrl: string;
  model: Omit<FactoryModelOptions, 'startMs'>;
  /** Sparkplug namespace (default spBv1.0) and the group every line's edge node is in. */
  root?: string;
  groupId?: string;
  /** Every this many real seconds one edge node skips a seq: a forced gap (0: never). */
  gapEverySeconds?: number;
  tickMs?: number;
}

/** The JSON protocol's fields, declared as metrics under the same names (Linewatch reads them by name). */
const DEVICE_METRICS: DeviceMetric[] = [
  { name: 'state', datatype: DataType.String, value: 'idle' },
  { name: 'temperature', datatype: DataType.Double, value: null },
  { name: 'units_produced', datatype: DataType.UInt64, value: 0 },
  { name: 'vibration', datatype: DataType.Double, value: null },
  { name: 'power_kw', datatype: DataType.Double, value: null },
  { name: 'barcode', datatype: DataType.String, value: null },
  { name: 'product_id', datatype: DataType.String, value: null },
  { name: 'test_step', datatype: DataType.String, value: null },
  { name: 'measured_value', datatype: DataType.Double, value: null },
  { name: 'unit', datatype: DataType.String, value: null },
  { name: 'operator', datatype: DataType.String, value: null },
];
const DECLARED = new Set(DEVICE_METRICS.map((metric) => metric.name));

/**
 * The simulated plant as Sparkplug B edge nodes: one per line (edge node id = line id), one
 * device per machine (device id = machine id), the model's messages as DDATA by alias. Births
 * at start, NDEATH at stop, and a forced sequence gap now and then (Linewatch asks for a rebirth).
 * Malformed messages of the bad-data scenario are not sent (they are JSON-specific).
 */
export class SparkplugRunner extends EventEmitter<{ log: [string] }> {
  private readonly model: FactoryModel;
  private readonly nodes = new Map<string, SparkplugEdgeNode>();
  private readonly startMs = Date.now();
  private timers: NodeJS.Timeout[] = [];
  private sending: Promise<void> = Promise.resolve();
  sent = 0;
  gaps = 0;

  constructor(private readonly options: SparkplugRunnerOptions) {
    super();
    this.model = new FactoryModel({ ...options.model, startMs: this.startMs });
  }

  async start(): Promise<void> {
    for (const { lineId, machineId } of this.model.machines) {
      let node = this.nodes.get(lineId);
      if (!node) {
        node = new SparkplugEdgeNode({
          url: this.options.brokerUrl,
          root: this.options.root,
          groupId: this.options.groupId ?? 'Linewatch',
          edgeNodeId: lineId,
        });
        this.nodes.set(lineId, node);
      }
      node.addDevice(machineId, DEVICE_METRICS);
    }
    for (const [lineId, node] of this.nodes) {
      await node.connect();
      this.emit('log', `edge node ${lineId} born`);
    }
    this.timers.push(setInterval(() => this.tick(), this.options.tickMs ?? 100));
    const gapEvery = this.options.gapEverySeconds ?? 60;
    if (gapEvery > 0) this.timers.push(setInterval(() => this.forceGap(), gapEvery * 1000));
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    await this.sending;
    for (const node of this.nodes.values()) await node.disconnect();
  }

  private tick(): void {
    const messages = this.model.step(Date.now());
    this.sending = this.sending
      .then(() => this.publish(messages))
      .catch((error: unknown) => {
        this.emit('log', `publish failed: ${String(error)}`);
      });
  }

  private forceGap(): void {
    const nodes = [...this.nodes.entries()];
    const [lineId, node] = nodes[this.gaps % nodes.length] ?? [];
    if (!node) return;
    node.skipSeq(1);
    this.gaps += 1;
    this.emit('log', `forced a sequence gap on edge node ${lineId}`);
  }

  private async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    for (const message of messages) {
      if (message.malformed !== undefined || message.kind === 'commandAck') continue;
      const body = JSON.parse(message.payload) as Record<string, unknown>;
      const stamp = body.timestamp;
      const atMs =
        typeof stamp === 'number'
          ? stamp
          : typeof stamp === 'string'
            ? Date.parse(stamp)
            : message.atMs;
      const values: Record<string, MetricValue> = {};
      for (const [name, value] of Object.entries(body)) {
        if (!DECLARED.has(name) || value === undefined) continue;
        if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
          values[name] = value;
      }
      if (Object.keys(values).length === 0) continue;
      await this.nodes.get(message.lineId)?.data(message.machineId, values, Math.floor(atMs));
      this.sent += 1;
    }
  }
}
