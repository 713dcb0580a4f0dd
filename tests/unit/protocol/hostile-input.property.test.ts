import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ParseOutcome, parseFactoryMessage } from '../../../src/backend/ingest/protocol';
import { topicOf, validCommandAck, validState, validTelemetry, validTestResult } from './fixtures';

const encoder = new TextEncoder();

const HOSTILE_STRINGS = [
  "'; DROP TABLE test_results; --",
  '" OR 1=1 --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{constructor.constructor("return process")()}}',
  '__proto__',
  'constructor',
  'prototype',
  '../../etc/passwd',
  '\u0000\u0001\u001b[31m',
  '\u202eevil',
  '\ud800',
  'Ä漢字😀👩‍🔧',
  '',
  ' ',
  'x'.repeat(1_000_000),
];

/** Hostile values of every JSON type, including objects that try to pollute prototypes. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom(
    null,
    true,
    0,
    -0,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    [],
    {},
    { __proto__: null, polluted: true },
  ),
  fc.constantFrom(JSON.parse('{"__proto__":{"polluted":true}}') as unknown),
  fc.jsonValue({ maxDepth: 3 }),
);

const kinds = {
  test: validTestResult,
  telemetry: validTelemetry,
  state: validState,
  'command/ack': validCommandAck,
} as const;
type Kind = keyof typeof kinds;

/** A valid message of some kind with one field (existing or new, even `__proto__`) set to a hostile value. */
const mutatedMessage = fc
  .record({
    kind: fc.constantFrom(...(Object.keys(kinds) as Kind[])),
    field: fc.oneof(
      fc.constantFrom(
        'barcode',
        'machine_id',
        'product_id',
        'test_step',
        'measured_value',
        'timestamp',
        'unit',
        'operator',
        'message_id',
        'temperature',
        'units_produced',
        'state',
        'reason',
        'command_id',
        'ok',
        'message',
        '__proto__',
        'constructor',
        'prototype',
        'hasOwnProperty',
        'toString',
      ),
      fc.string({ maxLength: 20 }),
    ),
    value: hostileValue,
  })
  .map(({ kind, field, value }) => {
    const body = kinds[kind]();
    // defineProperty, so a `__proto__` key becomes an own property that JSON.stringify writes out.
    Object.defineProperty(body, field, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return { topic: topicOf(kind), payload: encoder.encode(JSON.stringify(body)) };
  });

/** Random bytes, random JSON text and mutated messages, on good and random topics. */
const anyMessage = fc.oneof(
  mutatedMessage,
  fc.record({
    topic: fc.constantFrom(...Object.keys(kinds).map(topicOf)),
    payload: fc.oneof(
      fc.uint8Array({ maxLength: 512 }),
      fc.jsonValue().map((value) => encoder.encode(JSON.stringify(value) ?? '')),
      fc.string({ unit: 'binary' }).map((text) => encoder.encode(text)),
    ),
  }),
  fc.record({
    topic: fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.constantFrom(...HOSTILE_STRINGS),
    ),
    payload: fc.uint8Array({ maxLength: 64 }),
  }),
);

function hasOwnKeyDeep(value: unknown, key: string): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return (
    Object.hasOwn(value, key) || Object.values(value).some((inner) => hasOwnKeyDeep(inner, key))
  );
}

function checkOutcome(outcome: ParseOutcome): void {
  if (outcome.ok) {
    expect(hasOwnKeyDeep(outcome.message, '__proto__')).toBe(false);
    expect(Object.getPrototypeOf(outcome.message)).toBe(Object.prototype);
    return;
  }
  expect(typeof outcome.reason).toBe('string');
  expect(outcome.reason.length).toBeGreaterThan(0);
  expect(outcome.reason.length).toBeLessThan(400);
  if (outcome.field !== null) expect(outcome.reason.startsWith(`${outcome.field}: `)).toBe(true);
}

describe('hostile input', () => {
  it('never throws, and always answers ok or a reason that names its field', () => {
    fc.assert(
      fc.property(anyMessage, ({ topic, payload }) => {
        let outcome: ParseOutcome | undefined;
        expect(() => {
          outcome = parseFactoryMessage(topic, payload);
        }).not.toThrow();
        if (outcome === undefined) throw new Error('no outcome');
        checkOutcome(outcome);
      }),
      { numRuns: 3000 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never coerces a hostile string into a measured value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...HOSTILE_STRINGS), (value) => {
        const body = { ...validTestResult(), measured_value: value };
        const outcome = parseFactoryMessage(topicOf('test'), encoder.encode(JSON.stringify(body)));
        expect(outcome.ok).toBe(false);
      }),
    );
  });

  it('never lets a __proto__ key pollute Object.prototype or reach an accepted message', () => {
    const attacks = [
      '{"timestamp":1,"__proto__":{"polluted":true}}',
      '{"timestamp":1,"constructor":{"prototype":{"polluted":true}}}',
      '{"barcode":"SN-1","machine_id":"MACH-01","product_id":"P","test_step":"s","measured_value":1,"timestamp":1,"__proto__":{"polluted":true}}',
      '{"state":"offline","__proto__":{"state":"running"}}',
    ];
    const outcomes = attacks.map((text, index) =>
      parseFactoryMessage(
        topicOf(['telemetry', 'telemetry', 'test', 'state'][index] ?? 'test'),
        encoder.encode(text),
      ),
    );
    outcomes.forEach(checkOutcome);
    // The test result ignores the unknown key; the offline state keeps its own `state`.
    expect(outcomes[2]?.ok).toBe(true);
    expect(outcomes[3]).toMatchObject({ ok: true, message: { state: 'offline' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
