import { describe, expect, it } from 'vitest';
import type { ResolvedMetric } from '../../../src/backend/ingest/sparkplug/edge-node-sessions';
import { DataType } from '../../../src/backend/ingest/sparkplug/sparkplug-schema';
import { toLinewatch, type Remembered } from '../../../src/backend/ingest/sparkplug/to-linewatch';

const mapping = {
  lineId: 'L1',
  machineId: 'M1',
  roles: { 'Probe/Reading': 'measured_value' },
} as const;
const T = 1_800_000_000_000;
const metric = (name: string, value: ResolvedMetric['value'], timestampMs = T): ResolvedMetric => ({
  name,
  datatype: typeof value === 'string' ? DataType.String : DataType.Double,
  value,
  timestampMs,
  isHistorical: false,
});
const data = { birth: false, deviceLabel: 'G/E/D' };

describe('Sparkplug metrics as Linewatch messages', () => {
  it('groups temperature, counter and extras per timestamp; states apart', () => {
    const out = toLinewatch(
      mapping,
      [
        metric('Sensors/Temperature', 70.5),
        metric('units_produced', 12),
        metric('Sensors/Vibration', 2.5),
        metric('bdSeq', 4),
        metric('State', 'down', T + 1),
      ],
      new Map(),
      data,
    );
    expect(out).toEqual({
      ok: true,
      messages: [
        {
          kind: 'telemetry',
          lineId: 'L1',
          machineId: 'M1',
          timestampMs: T,
          temperature: 70.5,
          unitsProduced: 12,
          extras: { 'Sensors.Vibration': 2.5 },
        },
        { kind: 'state', lineId: 'L1', machineId: 'M1', timestampMs: T + 1, state: 'down' },
      ],
    });
  });

  it('makes a test result from the admin-mapped value and the latest barcode, product and step', () => {
    const remembered: Remembered = new Map();
    toLinewatch(
      mapping,
      [metric('Barcode', 'SN-1'), metric('Product', 'P'), metric('Step', 'leak')],
      remembered,
      data,
    );
    const out = toLinewatch(mapping, [metric('Probe/Reading', 3.5, T + 5)], remembered, data);
    expect(out.ok && out.messages).toEqual([
      expect.objectContaining({
        kind: 'test',
        barcode: 'SN-1',
        productId: 'P',
        testStep: 'leak',
        measuredValue: 3.5,
        timestampMs: T + 5,
        messageId: expect.stringMatching(/^spb-[0-9a-z]{9}-[\w-]{22}$/),
      }),
    ]);
  });

  it('a birth restates values: telemetry and state, never a new test result', () => {
    const out = toLinewatch(
      mapping,
      [metric('Barcode', 'SN-1'), metric('Product', 'P'), metric('Step', 's'), metric('Value', 1)],
      new Map(),
      { birth: true, deviceLabel: 'G/E/D' },
    );
    expect(out).toEqual({ ok: true, messages: [] });
  });

  it('refuses a test result without a barcode, and a state that is not one', () => {
    expect(toLinewatch(mapping, [metric('Value', 1)], new Map(), data)).toMatchObject({
      ok: false,
      reason:
        '"Value": a test result needs barcode, product_id, test_step (no metric of that meaning yet)',
    });
    expect(toLinewatch(mapping, [metric('State', 'exploded')], new Map(), data)).toMatchObject({
      ok: false,
      field: 'State',
    });
  });

  it('checks a test result with the JSON protocol’s limits', () => {
    const out = toLinewatch(
      mapping,
      [
        metric('Barcode', 'x'.repeat(200)),
        metric('Product', 'P'),
        metric('Step', 's'),
        metric('Value', 1),
      ],
      new Map(),
      data,
    );
    expect(out).toMatchObject({ ok: false, field: 'barcode' });
  });
});
