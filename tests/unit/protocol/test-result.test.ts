import { describe, expect, it } from 'vitest';
import { type RefusedCase, parseJson, parseText, validTestResult, withField } from './fixtures';

describe('test result', () => {
  it('reads the contract example into camelCase with epoch milliseconds', () => {
    expect(parseJson('test', validTestResult())).toEqual({
      ok: true,
      message: {
        kind: 'test',
        lineId: 'LINE-1',
        machineId: 'MACH-01',
        barcode: 'SN-1001',
        productId: 'PROD-A',
        testStep: 'voltage_test',
        measuredValue: 85.5,
        timestampMs: Date.parse('2026-11-22T10:00:00Z'),
      },
    });
  });

  it.each([
    ['unit, operator and message_id', { unit: 'V', operator: 'op-1', message_id: 'm-1' }],
    ['null optional fields (read as absent)', { unit: null, operator: null, message_id: null }],
    ['epoch milliseconds', { timestamp: 1795341600000 }],
    ['a negative measured value', { measured_value: -0.25 }],
    ['an integer measured value', { measured_value: 85 }],
    ['unicode in the barcode', { barcode: 'SN-Ä-漢字-😀' }],
    ['a 128-character barcode', { barcode: 'B'.repeat(128) }],
    ['an unknown extra field (ignored)', { station_temp: 'warm' }],
  ])('accepts %s', (_name, changes) => {
    const outcome = parseJson('test', { ...validTestResult(), ...changes });
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
  });

  it('keeps unit, operator and message_id when given, and omits them when not', () => {
    const withOptional = parseJson('test', {
      ...validTestResult(),
      unit: 'V',
      operator: 'op-1',
      message_id: 'm-1',
    });
    expect(withOptional).toMatchObject({
      message: { unit: 'V', operator: 'op-1', messageId: 'm-1' },
    });
    const without = parseJson('test', validTestResult());
    expect(without.ok && 'unit' in without.message).toBe(false);
  });

  const refused: RefusedCase[] = [
    {
      name: 'missing barcode',
      body: withField(validTestResult(), 'barcode', undefined),
      field: 'barcode',
    },
    { name: 'empty barcode', body: withField(validTestResult(), 'barcode', ''), field: 'barcode' },
    {
      name: 'numeric barcode',
      body: withField(validTestResult(), 'barcode', 1001),
      field: 'barcode',
    },
    {
      name: 'barcode over 128',
      body: withField(validTestResult(), 'barcode', 'B'.repeat(129)),
      field: 'barcode',
    },
    {
      name: 'newline in barcode',
      body: withField(validTestResult(), 'barcode', 'SN\n1'),
      field: 'barcode',
    },
    {
      name: 'bidi override in barcode',
      body: withField(validTestResult(), 'barcode', 'SN\u202e1'),
      field: 'barcode',
    },
    {
      name: 'lone surrogate in barcode',
      body: withField(validTestResult(), 'barcode', 'SN\ud800'),
      field: 'barcode',
    },
    {
      name: 'missing machine_id',
      body: withField(validTestResult(), 'machine_id', undefined),
      field: 'machine_id',
    },
    {
      name: 'other machine_id',
      body: withField(validTestResult(), 'machine_id', 'MACH-02'),
      field: 'machine_id',
    },
    {
      name: 'machine_id differing in case',
      body: withField(validTestResult(), 'machine_id', 'mach-01'),
      field: 'machine_id',
    },
    {
      name: 'numeric machine_id',
      body: withField(validTestResult(), 'machine_id', 1),
      field: 'machine_id',
    },
    {
      name: 'missing product_id',
      body: withField(validTestResult(), 'product_id', undefined),
      field: 'product_id',
    },
    {
      name: 'null product_id',
      body: withField(validTestResult(), 'product_id', null),
      field: 'product_id',
    },
    {
      name: 'array test_step',
      body: withField(validTestResult(), 'test_step', ['a']),
      field: 'test_step',
    },
    {
      name: 'test_step over 64',
      body: withField(validTestResult(), 'test_step', 't'.repeat(65)),
      field: 'test_step',
    },
    {
      name: 'missing measured_value',
      body: withField(validTestResult(), 'measured_value', undefined),
      field: 'measured_value',
    },
    {
      name: 'string measured_value',
      body: withField(validTestResult(), 'measured_value', '85.5'),
      field: 'measured_value',
    },
    {
      name: 'boolean measured_value',
      body: withField(validTestResult(), 'measured_value', true),
      field: 'measured_value',
    },
    {
      name: 'null measured_value',
      body: withField(validTestResult(), 'measured_value', null),
      field: 'measured_value',
    },
    {
      name: 'missing timestamp',
      body: withField(validTestResult(), 'timestamp', undefined),
      field: 'timestamp',
    },
    {
      name: 'timestamp not a time',
      body: withField(validTestResult(), 'timestamp', 'yesterday'),
      field: 'timestamp',
    },
    { name: 'object unit', body: withField(validTestResult(), 'unit', {}), field: 'unit' },
    {
      name: 'unit over 32',
      body: withField(validTestResult(), 'unit', 'u'.repeat(33)),
      field: 'unit',
    },
    {
      name: 'numeric operator',
      body: withField(validTestResult(), 'operator', 7),
      field: 'operator',
    },
    {
      name: 'empty message_id',
      body: withField(validTestResult(), 'message_id', ''),
      field: 'message_id',
    },
  ];

  it.each(refused)('refuses $name, naming $field', ({ body, field }) => {
    const outcome = parseJson('test', body);
    expect(outcome).toMatchObject({ ok: false, field });
    expect(!outcome.ok && outcome.reason.startsWith(`${field}: `)).toBe(true);
  });

  it('says which machines differ', () => {
    const outcome = parseJson('test', withField(validTestResult(), 'machine_id', 'MACH-02'));
    expect(outcome).toMatchObject({
      reason: 'machine_id: "MACH-02" differs from the topic\'s machine "MACH-01"',
    });
  });

  it('says what type it got', () => {
    const outcome = parseJson('test', withField(validTestResult(), 'measured_value', '85.5'));
    expect(outcome).toMatchObject({ reason: 'measured_value: expected a number, got string' });
  });

  it('refuses a measured value that overflows to Infinity', () => {
    const text = JSON.stringify(validTestResult()).replace('85.5', '1e999');
    expect(parseText('test', text)).toMatchObject({
      ok: false,
      field: 'measured_value',
      reason: 'measured_value: not a finite number',
    });
  });
});
