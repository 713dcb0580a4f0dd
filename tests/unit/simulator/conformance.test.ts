import { describe, expect, it } from 'vitest';
import { parseFactoryMessage } from '../../../src/backend/ingest/protocol';
import { MALFORMED_KINDS, PRODUCTS, isWithinLimits } from '../../../simulator/model';
import { bodyOf, createModel, run } from './drive';

const ALL_SCENARIOS = ['overheat', 'drift', 'downtime', 'bad-data', 'flood'] as const;
const messages = run(createModel({ scenarios: ALL_SCENARIOS }), 0, 15 * 60_000, 250);
const parse = (topic: string, payload: string) => parseFactoryMessage(topic, Buffer.from(payload));

describe('what the model publishes', () => {
  it('passes the protocol parser, every well-formed message of every kind', () => {
    const wellFormed = messages.filter((message) => message.malformed === undefined);
    const refused = wellFormed
      .map((message) => ({ message, outcome: parse(message.topic, message.payload) }))
      .filter(({ outcome }) => !outcome.ok);
    expect(refused.slice(0, 3)).toEqual([]);
    expect(new Set(wellFormed.map((message) => message.kind))).toEqual(
      new Set(['test', 'telemetry', 'state']),
    );
  });

  it('has the contract QoS and retain flags', () => {
    for (const message of messages.filter((candidate) => candidate.malformed === undefined)) {
      if (message.kind === 'state') expect([message.qos, message.retain]).toEqual([1, true]);
      if (message.kind === 'test') expect([message.qos, message.retain]).toEqual([1, false]);
      if (message.kind === 'telemetry') expect(message.retain).toBe(false);
    }
  });

  it('refuses every bad-data message, and produces each kind of them', () => {
    const malformed = messages.filter((message) => message.malformed !== undefined);
    expect(malformed.length).toBeGreaterThan(100);
    for (const message of malformed) {
      const outcome = parse(message.topic, message.payload);
      expect(outcome.ok, `${message.malformed}: ${message.payload.slice(0, 120)}`).toBe(false);
    }
    expect(new Set(malformed.map((message) => message.malformed))).toEqual(
      new Set(MALFORMED_KINDS),
    );
  });

  it('gives each test result a unique message_id and a barcode SN-<line>-<machine>-<n>', () => {
    const results = messages.filter(
      (message) => message.kind === 'test' && message.malformed === undefined,
    );
    const ids = results.map((message) => bodyOf(message)['message_id']);
    expect(new Set(ids).size).toBe(results.length);
    for (const message of results) {
      expect(bodyOf(message)['barcode']).toMatch(
        new RegExp(`^SN-${message.lineId}-${message.machineId}-\\d+$`),
      );
      expect(message.messageId).toBe(bodyOf(message)['message_id']);
    }
  });

  it('produces mostly passing tests with a few failures in normal running', () => {
    const calm = run(createModel({ seed: 5 }), 0, 10 * 60_000, 1000).filter(
      (message) => message.kind === 'test',
    );
    const steps = new Map(
      PRODUCTS.flatMap((product) =>
        product.steps.map((step) => [`${product.productId}/${step.name}`, step]),
      ),
    );
    const failures = calm.filter((message) => {
      const body = bodyOf(message);
      const step = steps.get(`${String(body['product_id'])}/${String(body['test_step'])}`);
      if (step === undefined) throw new Error('unknown step');
      return !isWithinLimits(step, Number(body['measured_value']));
    });
    const share = failures.length / calm.length;
    expect(share).toBeGreaterThan(0.002);
    expect(share).toBeLessThan(0.05);
  });

  it('writes epoch-millisecond timestamps on some machines and ISO on others', () => {
    const styles = new Set(
      messages
        .filter((message) => message.kind === 'telemetry' && message.malformed === undefined)
        .map((message) => typeof bodyOf(message)['timestamp']),
    );
    expect(styles).toEqual(new Set(['string', 'number']));
  });
});

describe('messages the runner asks for outside step()', () => {
  it('keep whole-millisecond timestamps when asked at a fractional time', () => {
    const model = createModel();
    const epochMachine = model.machines[2]!; // every third machine writes epoch milliseconds
    const atMs = messages[0]!.atMs + 1234.567;
    for (const message of [
      model.stateMessage(epochMachine.lineId, epochMachine.machineId, atMs),
      model.offlineMessage(epochMachine.lineId, epochMachine.machineId, atMs, 'simulator stopped'),
    ]) {
      expect(bodyOf(message)['timestamp']).toBe(Math.floor(atMs));
      expect(parse(message.topic, message.payload).ok).toBe(true);
    }
  });
});
