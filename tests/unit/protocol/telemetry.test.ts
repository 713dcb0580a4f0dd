import { describe, expect, it } from 'vitest';
import { type RefusedCase, parseJson, parseText, validTelemetry, withField } from './fixtures';

describe('telemetry', () => {
  it('reads the contract example', () => {
    expect(parseJson('telemetry', validTelemetry())).toEqual({
      ok: true,
      message: {
        kind: 'telemetry',
        lineId: 'LINE-1',
        machineId: 'MACH-01',
        timestampMs: Date.parse('2026-11-22T10:00:01Z'),
        temperature: 71.2,
        unitsProduced: 12345,
        extras: {},
      },
    });
  });

  it('keeps other numeric fields as extra metrics, in a null-prototype object', () => {
    const outcome = parseJson('telemetry', {
      ...validTelemetry(),
      vibration: 2.5,
      spindle_rpm: 1200,
      power_kw: 4.4,
      firmware: 'v1.2',
      door_open: false,
    });
    if (!outcome.ok || outcome.message.kind !== 'telemetry')
      throw new Error(outcome.ok ? 'kind' : outcome.reason);
    expect({ ...outcome.message.extras }).toEqual({
      vibration: 2.5,
      spindle_rpm: 1200,
      power_kw: 4.4,
    });
    expect(Object.getPrototypeOf(outcome.message.extras)).toBeNull();
  });

  it.each([
    ['only a timestamp (a heartbeat)', { timestamp: 1795341600000 }],
    ['a matching machine_id', { ...validTelemetry(), machine_id: 'MACH-01' }],
    ['a counter reset to 0', { ...validTelemetry(), units_produced: 0 }],
    ['a temperature below zero', { ...validTelemetry(), temperature: -12.5 }],
    ['null temperature (absent)', { ...validTelemetry(), temperature: null }],
    ['a metric named constructor-like but plain', { ...validTelemetry(), constructor_rpm: 3 }],
  ])('accepts %s', (_name, body) => {
    const outcome = parseJson('telemetry', body);
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
  });

  const refused: RefusedCase[] = [
    {
      name: 'missing timestamp',
      body: withField(validTelemetry(), 'timestamp', undefined),
      field: 'timestamp',
    },
    {
      name: 'boolean timestamp',
      body: withField(validTelemetry(), 'timestamp', true),
      field: 'timestamp',
    },
    {
      name: 'string temperature',
      body: withField(validTelemetry(), 'temperature', '71.2'),
      field: 'temperature',
    },
    {
      name: 'negative units_produced',
      body: withField(validTelemetry(), 'units_produced', -1),
      field: 'units_produced',
    },
    {
      name: 'fractional units_produced',
      body: withField(validTelemetry(), 'units_produced', 1.5),
      field: 'units_produced',
    },
    {
      name: 'other machine_id',
      body: withField(validTelemetry(), 'machine_id', 'MACH-09'),
      field: 'machine_id',
    },
    {
      name: 'metric named __proto__',
      body: JSON.parse('{"timestamp":1,"__proto__":1}') as Record<string, unknown>,
      field: 'extras',
    },
    {
      name: 'metric named constructor',
      body: withField(validTelemetry(), 'constructor', 1),
      field: 'extras',
    },
    {
      name: 'metric name with a space',
      body: withField(validTelemetry(), 'bad name', 1),
      field: 'extras',
    },
    {
      name: 'metric name with markup',
      body: withField(validTelemetry(), '<script>', 1),
      field: 'extras',
    },
    {
      name: 'more than 64 metrics',
      body: Object.fromEntries([
        ['timestamp', 1],
        ...Array.from({ length: 65 }, (_, i) => [`m${i}`, i]),
      ]),
      field: 'extras',
    },
  ];

  it.each(refused)('refuses $name, naming $field', ({ body, field }) => {
    const outcome = parseJson('telemetry', body);
    expect(outcome).toMatchObject({ ok: false, field });
    expect(!outcome.ok && outcome.reason.startsWith(`${field}: `)).toBe(true);
  });

  it('refuses an extra metric that overflows to Infinity, naming the metric', () => {
    expect(parseText('telemetry', '{"timestamp":1,"vibration":-1e400}')).toMatchObject({
      ok: false,
      field: 'vibration',
    });
  });
});
