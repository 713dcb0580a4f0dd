import type { MqttClient } from 'mqtt';
import { FactoryModel, type OutgoingMessage } from '../../../../simulator/model';
import { PRODUCTS } from '../../../../simulator/model/products';

const MINUTE_MS = 60_000;

export interface PublishedResult {
  lineId: string;
  machineId: string;
  barcode: string;
  product: string;
  step: string;
  value: number;
  atMs: number;
}

export interface KnownShift {
  messages: OutgoingMessage[];
  results: PublishedResult[];
  telemetry: { machineId: string; lineId: string; atMs: number; units: number }[];
  states: { machineId: string; lineId: string; atMs: number; state: string }[];
}

const timeOf = (value: unknown): number =>
  typeof value === 'number' ? value : Date.parse(String(value));

/**
 * A seeded hour of the simulated factory (2 lines × 2 machines, downtime and drift), plus a
 * few retests of failed units so first-pass yield differs from the final one. The same seed
 * gives the same messages, so the test's expectations are fixed by it.
 */
export function knownShift(fromMs: number, toMs: number): KnownShift {
  const model = new FactoryModel({
    seed: 2026,
    lines: 2,
    machinesPerLine: 2,
    messagesPerSecond: 1,
    startMs: fromMs,
    scenarios: ['downtime', 'drift'],
    runId: `report${fromMs}`,
  });
  const messages: OutgoingMessage[] = [];
  for (let at = fromMs; at < toMs; at += 1000) messages.push(...model.step(at));

  const firstFails = messages
    .filter((message) => message.kind === 'test')
    .map((message) => ({ message, body: JSON.parse(message.payload) as Record<string, unknown> }))
    .filter(({ body }) => {
      const spec = limitsOf(String(body.product_id), String(body.test_step));
      const value = Number(body.measured_value);
      return (
        (spec.lower !== null && value < spec.lower) || (spec.upper !== null && value > spec.upper)
      );
    })
    .slice(0, 3);
  for (const [index, { message, body }] of firstFails.entries()) {
    const atMs = timeOf(body.timestamp) + 30_000;
    if (atMs >= toMs) continue;
    const spec = limitsOf(String(body.product_id), String(body.test_step));
    messages.push({
      ...message,
      atMs,
      messageId: `retest-${fromMs}-${index}`,
      payload: JSON.stringify({
        ...body,
        measured_value: spec.nominal,
        message_id: `retest-${fromMs}-${index}`,
        timestamp: new Date(atMs).toISOString(),
      }),
    });
  }

  const shift: KnownShift = { messages, results: [], telemetry: [], states: [] };
  for (const message of messages) {
    const body = JSON.parse(message.payload) as Record<string, unknown>;
    const place = { lineId: message.lineId, machineId: message.machineId };
    if (message.kind === 'test') {
      shift.results.push({
        ...place,
        barcode: String(body.barcode),
        product: String(body.product_id),
        step: String(body.test_step),
        value: Number(body.measured_value),
        atMs: timeOf(body.timestamp),
      });
    } else if (message.kind === 'telemetry' && body.units_produced !== undefined) {
      shift.telemetry.push({
        ...place,
        atMs: timeOf(body.timestamp),
        units: Number(body.units_produced),
      });
    } else if (message.kind === 'state') {
      shift.states.push({ ...place, atMs: timeOf(body.timestamp), state: String(body.state) });
    }
  }
  return shift;
}

export function limitsOf(
  product: string,
  step: string,
): { lower: number | null; upper: number | null; nominal: number } {
  const spec = PRODUCTS.find((p) => p.productId === product)?.steps.find((s) => s.name === step);
  if (!spec) throw new Error(`no spec for ${product}/${step}`);
  return { lower: spec.lower, upper: spec.upper, nominal: spec.nominal };
}

/** Every product and step the simulator tests, with its limits, for `specs.save`. */
export function simulatorSpecs(validFrom: string) {
  return PRODUCTS.flatMap((product) =>
    product.steps.map((step) => ({
      productId: product.productId,
      testStep: step.name,
      lower: step.lower,
      upper: step.upper,
      validFrom,
    })),
  );
}

/** Publishes at QoS 1 with a bounded number in flight, in the model's time order. */
export async function publishAll(client: MqttClient, messages: OutgoingMessage[]): Promise<void> {
  const ordered = [...messages].sort((a, b) => a.atMs - b.atMs);
  const window = 200;
  for (let start = 0; start < ordered.length; start += window) {
    await Promise.all(
      ordered
        .slice(start, start + window)
        .map((message) =>
          client.publishAsync(message.topic, message.payload, { qos: 1, retain: false }),
        ),
    );
  }
}

export { MINUTE_MS };
