import mqtt, { type MqttClient } from 'mqtt';

/** The soak's own station: one line, one machine, distinct barcodes SOAK-000000, … */
export const PUBLISHER_LINE = 'SOAK';
export const PUBLISHER_MACHINE = 'SOAK-01';
export const PUBLISHER_PREFIX = 'SOAK';

export const barcodeOf = (index: number): string =>
  `${PUBLISHER_PREFIX}-${String(index).padStart(6, '0')}`;

/**
 * A test station that publishes distinct QoS 1 test results at a steady rate and remembers
 * exactly which ones the broker acknowledged: the soak's exact measure of "lost". It runs in
 * the soak's own process, which nothing kills. While the broker is away MQTT.js keeps the
 * publications and sends them again on reconnect; one that still fails is sent again.
 */
export class SoakPublisher {
  readonly acked = new Set<number>();
  produced = 0;
  retries = 0;
  private timer: NodeJS.Timeout | null = null;

  private constructor(private readonly client: MqttClient) {}

  static async connect(brokerUrl: string): Promise<SoakPublisher> {
    const client = mqtt.connect(brokerUrl, {
      clientId: 'linewatch-soak-publisher',
      clean: true,
      reconnectPeriod: 500,
      protocolVersion: 4,
    });
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
    return new SoakPublisher(client);
  }

  start(perSecond: number): void {
    const startedAt = performance.now();
    this.timer = setInterval(() => {
      const due = Math.floor(((performance.now() - startedAt) * perSecond) / 1000);
      while (this.produced < due) {
        const index = this.produced++;
        this.send(index, payloadOf(index));
      }
    }, 20);
  }

  /** Stops producing and waits (bounded) until everything produced is acknowledged. */
  async stop(timeoutMs = 120_000): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const deadline = performance.now() + timeoutMs;
    while (this.acked.size < this.produced && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Forced: what is still unacknowledged has had its time (a graceful end would wait for it).
    await this.client.endAsync(true).catch(() => undefined);
  }

  /** A retry sends the very same payload (same time stamp), as a station would. */
  private send(index: number, payload: string): void {
    const topic = `factory/${PUBLISHER_LINE}/${PUBLISHER_MACHINE}/test`;
    this.client.publish(topic, payload, { qos: 1 }, (error) => {
      if (!error) {
        this.acked.add(index);
        return;
      }
      this.retries += 1;
      setTimeout(() => this.send(index, payload), 200);
    });
  }
}

function payloadOf(index: number): string {
  return JSON.stringify({
    barcode: barcodeOf(index),
    machine_id: PUBLISHER_MACHINE,
    product_id: 'SOAK-PRODUCT',
    test_step: 'soak_step',
    measured_value: 10 + (index % 100) / 10,
    // Real time, so retention and "last hour" views treat it like the simulator's results.
    timestamp: Date.now(),
  });
}
