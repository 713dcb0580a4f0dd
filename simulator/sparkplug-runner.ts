import { EventEmitter } from 'node:events';
import type { CommandName } from '../src/shared/contract';
import { DataType } from '../src/backend/ingest/sparkplug/sparkplug-schema';
import type { MetricValue } from '../src/backend/ingest/sparkplug/sparkplug-codec';
import { FactoryModel, type FactoryModelOptions, type OutgoingMessage } from './model';
import { SparkplugEdgeNode, type DeviceMetric, type MetricWrite } from './sparkplug-edge-node';

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
 * Command metrics, as gateways expose writable tags: an admin gives them Linewatch's command
 * meanings (command_start, …) on Admin → Sparkplug; a write is obeyed by the machine model and
 * the metric reported back: the value written when it obeyed, false (or the rate it kept) when
 * it refused. `Commands/Rate` also tells the current units per minute.
 */
export const COMMAND_METRICS: Readonly<Record<string, CommandName>> = {
  'Commands/Start': 'start',
  'Commands/Stop': 'stop',
  'Commands/Reset': 'reset',
  'Commands/Rate': 'set_rate',
};

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
  private commandsSeen = 0;
  sent = 0;
  gaps = 0;
  /** Command writes obeyed (reported as written) and refused (reported otherwise). */
  commands = { obeyed: 0, refused: 0 };

  constructor(private readonly options: SparkplugRunnerOptions) {
    super();
    this.model = new FactoryModel({ ...options.model, startMs: this.startMs });
  }

  /** The simulated machines (edge node id = line id, device id = machine id). */
  get machines(): readonly { lineId: string; machineId: string }[] {
    return this.model.machines;
  }

  /** NCMD `Node Control/Rebirth` requests the edge nodes answered with new births. */
  get rebirthsAnswered(): number {
    return [...this.nodes.values()].reduce((sum, node) => sum + node.rebirthRequests, 0);
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
          onWrite: (deviceId, writes) => this.write(lineId, deviceId, writes),
        });
        this.nodes.set(lineId, node);
      }
      const { unitsPerMinute } = this.model.snapshot(lineId, machineId);
      node.addDevice(machineId, [
        ...DEVICE_METRICS,
        { name: 'Commands/Start', datatype: DataType.Boolean, value: false },
        { name: 'Commands/Stop', datatype: DataType.Boolean, value: false },
        { name: 'Commands/Reset', datatype: DataType.Boolean, value: false },
        { name: 'Commands/Rate', datatype: DataType.Double, value: unitsPerMinute },
      ]);
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

  /**
   * A host's DCMD to a machine's command metrics: each write is the machine model's command
   * (as a JSON command would be), its state change goes out as data first, then the metric is
   * reported: as written when the machine obeyed, else false or the rate it kept.
   */
  private async write(
    lineId: string,
    machineId: string,
    writes: readonly MetricWrite[],
  ): Promise<Record<string, MetricValue> | null> {
    if (machineId === '') return null; // the edge node itself has no command metrics
    const report: Record<string, MetricValue> = {};
    for (const { name, value } of writes) {
      const command = COMMAND_METRICS[name];
      const wanted = command === 'set_rate' ? typeof value === 'number' : value === true;
      if (!command || !wanted) {
        this.emit('log', `${machineId}: write of ${name} = ${String(value)} ignored`);
        continue;
      }
      const payload = {
        command_id: `spb-write-${++this.commandsSeen}`,
        command,
        ...(command === 'set_rate' ? { args: { units_per_minute: value } } : {}),
      };
      const out = this.model.applyCommand(lineId, machineId, JSON.stringify(payload), Date.now());
      const ack = out.find((message) => message.kind === 'commandAck');
      const answer = ack
        ? (JSON.parse(ack.payload) as { ok: boolean; message: string })
        : { ok: false, message: 'no answer' };
      // The state change (start, stop, a cleared fault) before the report that answers.
      this.sending = this.sending
        .then(() => this.publish(out))
        .catch((error: unknown) => {
          this.emit('log', `publish failed: ${String(error)}`);
        });
      await this.sending;
      const kept = this.model.snapshot(lineId, machineId).unitsPerMinute;
      report[name] = answer.ok ? value : command === 'set_rate' ? kept : false;
      if (answer.ok) this.commands.obeyed += 1;
      else this.commands.refused += 1;
      this.emit(
        'log',
        `${machineId}: ${command} ${answer.ok ? 'obeyed' : 'refused'} (${answer.message})`,
      );
    }
    return Object.keys(report).length > 0 ? report : null;
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
