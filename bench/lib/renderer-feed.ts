import mqtt, { type MqttClient } from 'mqtt';
import { createPrng, type Prng } from '../../simulator/model/prng';

/** How the plant behaves during the renderer bench: realistic, not a burst. */
export interface PlantFeedOptions {
  brokerUrl: string;
  lines: number;
  machinesPerLine: number;
  /** Each machine sends one telemetry sample this often. */
  telemetryEveryMs: number;
  /** Each machine sends one test result this often. */
  resultEveryMs: number;
  /** Somewhere in the plant, one machine changes state this often (down, then back). */
  stateChangeEveryMs: number;
  seed: number;
}

export interface PlantFeedCounts {
  telemetry: number;
  results: number;
  states: number;
  errors: number;
}

interface FeedMachine {
  lineId: string;
  machineId: string;
  productId: string;
  temperature: number;
  units: number;
  serial: number;
  /** Wall time a `down` machine goes back to running; null while running. */
  downUntil: number | null;
}

const TICK_MS = 100;
const DOWN_REASONS = ['jam', 'material_shortage', 'tool_change'] as const;
const PRODUCTS = [
  { productId: 'PROD-A', testStep: 'voltage_test', nominal: 85, sd: 1.2 },
  { productId: 'PROD-B', testStep: 'leak_test', nominal: 2.5, sd: 0.15 },
] as const;

/**
 * 200 machines through one MQTT.js connection. The simulator runner opens one connection per
 * machine (for the last wills), which is fine for tens of machines but would itself load the
 * shared 2 cores with hundreds; a bench of the renderer only needs the messages. Every tick
 * (100 ms) a tenth of the machines send telemetry, a slice send a test result, and now and then
 * a machine goes down for 10-40 s and comes back, so tiles change colour too.
 */
export class PlantFeed {
  readonly counts: PlantFeedCounts = { telemetry: 0, results: 0, states: 0, errors: 0 };
  private readonly machines: FeedMachine[] = [];
  private readonly prng: Prng;
  private timer: NodeJS.Timeout | null = null;
  private tickIndex = 0;
  private nextStateChangeAt = 0;

  private constructor(
    private readonly client: MqttClient,
    private readonly options: PlantFeedOptions,
  ) {
    this.prng = createPrng(options.seed);
    for (let line = 1; line <= options.lines; line += 1) {
      for (let index = 1; index <= options.machinesPerLine; index += 1) {
        this.machines.push({
          lineId: `LINE-${String(line).padStart(2, '0')}`,
          machineId: `M-${String(line).padStart(2, '0')}-${String(index).padStart(2, '0')}`,
          productId: PRODUCTS[index % PRODUCTS.length]?.productId ?? 'PROD-A',
          temperature: this.prng.between(55, 70),
          units: 0,
          serial: 0,
          downUntil: null,
        });
      }
    }
  }

  static async connect(options: PlantFeedOptions): Promise<PlantFeed> {
    const client = await mqtt.connectAsync(options.brokerUrl, {
      clientId: `bench-renderer-feed-${Date.now()}`,
      reconnectPeriod: 500,
    });
    return new PlantFeed(client, options);
  }

  get machineCount(): number {
    return this.machines.length;
  }

  get published(): number {
    return this.counts.telemetry + this.counts.results + this.counts.states;
  }

  /** Announces every machine as running (retained), then starts the steady flow. */
  async start(): Promise<void> {
    await Promise.all(this.machines.map((machine) => this.publishState(machine, 'running')));
    this.nextStateChangeAt = Date.now() + this.options.stateChangeEveryMs;
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.client.endAsync();
  }

  private tick(): void {
    const now = Date.now();
    const telemetrySlots = Math.max(1, Math.round(this.options.telemetryEveryMs / TICK_MS));
    const resultSlots = Math.max(1, Math.round(this.options.resultEveryMs / TICK_MS));
    this.machines.forEach((machine, index) => {
      if (machine.downUntil !== null && now >= machine.downUntil) {
        machine.downUntil = null;
        void this.publishState(machine, 'running');
      }
      const running = machine.downUntil === null;
      if (index % telemetrySlots === this.tickIndex % telemetrySlots) {
        this.publishTelemetry(machine, running);
      }
      if (running && index % resultSlots === this.tickIndex % resultSlots) {
        this.publishResult(machine);
      }
    });
    if (now >= this.nextStateChangeAt) {
      this.nextStateChangeAt = now + this.options.stateChangeEveryMs;
      const machine = this.prng.pick(this.machines);
      if (machine.downUntil === null) {
        machine.downUntil = now + this.prng.between(10_000, 40_000);
        void this.publishState(machine, 'down', this.prng.pick(DOWN_REASONS));
      }
    }
    this.tickIndex += 1;
  }

  private publishTelemetry(machine: FeedMachine, running: boolean): void {
    const target = running ? 68 : 30;
    machine.temperature += (target - machine.temperature) * 0.02 + this.prng.normal(0, 0.3);
    this.send(
      machine,
      'telemetry',
      {
        timestamp: new Date().toISOString(),
        temperature: round(machine.temperature, 2),
        units_produced: machine.units,
        vibration: round(this.prng.between(1, 3), 3),
        power_kw: round(running ? this.prng.between(4, 6) : 0.3, 2),
      },
      0,
    );
    this.counts.telemetry += 1;
  }

  private publishResult(machine: FeedMachine): void {
    const product = PRODUCTS.find((candidate) => candidate.productId === machine.productId);
    if (!product) return;
    machine.serial += 1;
    machine.units += 1;
    const barcode = `SN-${machine.machineId}-${machine.serial}`;
    this.send(
      machine,
      'test',
      {
        barcode,
        machine_id: machine.machineId,
        product_id: product.productId,
        test_step: product.testStep,
        measured_value: round(this.prng.normal(product.nominal, product.sd), 3),
        timestamp: new Date().toISOString(),
        message_id: `${barcode}-${product.testStep}`,
      },
      1,
    );
    this.counts.results += 1;
  }

  private async publishState(machine: FeedMachine, state: string, reason?: string): Promise<void> {
    const topic = `factory/${machine.lineId}/${machine.machineId}/state`;
    const payload = JSON.stringify({ timestamp: new Date().toISOString(), state, reason });
    try {
      await this.client.publishAsync(topic, payload, { qos: 1, retain: true });
      this.counts.states += 1;
    } catch {
      this.counts.errors += 1;
    }
  }

  private send(machine: FeedMachine, kind: string, body: object, qos: 0 | 1): void {
    const topic = `factory/${machine.lineId}/${machine.machineId}/${kind}`;
    this.client.publish(topic, JSON.stringify(body), { qos }, (error) => {
      if (error) this.counts.errors += 1;
    });
  }
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
