import fc from 'fast-check';
import type { Outgoing } from './embedded-backend';

const LINES = ['P1', 'P2'];
const MACHINES = ['X1', 'X2', 'X3'];
const KINDS = ['test', 'telemetry', 'state', 'command/ack'];

/** Whether the subscriber's subscriptions (`factory/+/+/{kind}`) deliver this topic. */
export function isSubscribed(topic: string): boolean {
  const levels = topic.split('/');
  if (levels[0] !== 'factory') return false;
  if (levels.length === 4) return ['test', 'telemetry', 'state'].includes(levels[3] ?? '');
  return levels.length === 5 && levels[3] === 'command' && levels[4] === 'ack';
}

/**
 * An MQTT topic level: anything but the wildcards, the separator and NUL (MQTT forbids them),
 * and sometimes empty (`factory//M1/test`): `+` matches an empty level, so the message reaches
 * Linewatch and must be dead-lettered. (aedes needed help for that: match-empty-levels.ts.)
 */
const level = fc
  .string({ unit: 'grapheme', minLength: 0, maxLength: 70 })
  .filter((text) => !/[+#/]/.test(text) && !text.includes('\u0000'));

interface Address {
  topic: string;
  machineId: string;
  kind: string;
}

const address: fc.Arbitrary<Address> = fc
  .oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        line: fc.constantFrom(...LINES),
        machine: fc.constantFrom(...MACHINES),
        kind: fc.constantFrom(...KINDS),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ line: level, machine: level, kind: fc.constantFrom(...KINDS) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        line: fc.constantFrom(...LINES),
        machine: fc.constantFrom(...MACHINES),
        kind: fc.constantFrom('command', 'bogus', 'test/extra', 'command/ack/more'),
      }),
    },
  )
  .map(({ line, machine, kind }) => ({
    topic: `factory/${line}/${machine}/${kind}`,
    machineId: machine,
    kind,
  }));

const timestamp = fc.oneof(
  fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  fc.constantFrom(
    'yesterday',
    '2026-02-30T10:00:00Z',
    '2026-11-22T10:00:00',
    Number.POSITIVE_INFINITY,
    -1,
    null,
  ),
);

const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom(
    "'); DROP TABLE test_results; --",
    '<img src=x onerror=alert(1)>',
    'SN\u202e1001',
    'A\u0000B',
    '\ud800',
    '',
    'x'.repeat(200),
    '__proto__',
  ),
);

function validBody(target: Address, barcode: string): Record<string, unknown> {
  switch (target.kind) {
    case 'test':
      return {
        barcode,
        machine_id: target.machineId,
        product_id: 'PROD-A',
        test_step: 'voltage_test',
        measured_value: 85.5,
        timestamp: 1_795_000_000_000 + barcode.length,
      };
    case 'telemetry':
      return { timestamp: 1_795_000_000_000 + barcode.length, temperature: 70, units_produced: 5 };
    case 'state':
      return { timestamp: 1_795_000_000_000 + barcode.length, state: 'running' };
    default:
      return { command_id: `cmd-${barcode}`, ok: true };
  }
}

const BIG = 'x'.repeat(270 * 1024);

function payloadFor(target: Address): fc.Arbitrary<string | Buffer> {
  const mutated = fc
    .tuple(
      fc.constantFrom(
        'barcode',
        'machine_id',
        'measured_value',
        'timestamp',
        'state',
        'ok',
        'temperature',
        'extra',
      ),
      fc.oneof(fc.jsonValue(), hostileText, timestamp),
    )
    .map(([field, value]) => ({ field, value }));
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .stringMatching(/^SN-[0-9]{1,3}$/)
        .map((barcode) => JSON.stringify(validBody(target, barcode))),
    },
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.stringMatching(/^SN-[0-9]{1,3}$/), mutated)
        .map(([barcode, { field, value }]) =>
          JSON.stringify({ ...validBody(target, barcode), [field]: value }),
        ),
    },
    { weight: 2, arbitrary: fc.json() },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        '{',
        'null',
        '[]',
        '{"__proto__": {"barcode": 1}}',
        '1e999',
        `{"pad":"${BIG}"}`,
      ),
    },
  );
}

/** Random, mostly hostile messages on random (mostly valid) topics. */
export const hostileMessage: fc.Arbitrary<Outgoing> = address.chain((target) =>
  payloadFor(target).map((payload) => ({ topic: target.topic, payload })),
);
