import { deserialize, serialize } from 'node:v8';
import { expect, it } from 'vitest';
import type { TestResult } from '../../../src/shared/contract';
import { emptySummary } from '../../../src/backend/store/ingest-messages';
import { packSummary, unpackSummary } from '../../../src/backend/store/summary-transport';

const result = (id: number, overrides: Partial<TestResult> = {}): TestResult => ({
  id,
  lineId: 'L1',
  machineId: 'M01',
  barcode: `SN-${id}`,
  productId: 'PROD-A',
  testStep: 'voltage_test',
  measuredValue: 80.5 + id,
  unit: null,
  operator: 'ana',
  at: '2026-11-22T10:00:00.000Z',
  verdict: 'PASS',
  specVersion: null,
  attempt: 1,
  ...overrides,
});

it('gives the backend the same summary after the trip through a message channel', () => {
  const summary = {
    ...emptySummary(3),
    stored: 2,
    deadLettered: 1,
    results: [result(1), result(2, { unit: 'V', verdict: 'FAIL', specVersion: 3, attempt: 2 })],
    machines: [{ machineId: 'M01', lineId: 'L1', lastSeenMs: 5 }],
    refusals: [{ topic: 'factory/L1/M09/test', reason: 'bad json' }],
    outcomes: [{ outcome: 'stored' as const }],
  };
  const packed: unknown = deserialize(serialize(packSummary(summary)));
  expect(Array.isArray((packed as { results: unknown }).results)).toBe(false);
  expect(unpackSummary(packed)).toEqual(summary);
});

it('keeps a summary without results, and one that came unpacked', () => {
  const empty = emptySummary(0);
  expect(unpackSummary(deserialize(serialize(packSummary(empty))))).toEqual(empty);
  const plain = { ...emptySummary(1), results: [result(7)] };
  expect(unpackSummary(plain)).toEqual(plain);
});

it('reads results whose fields differ from those it knows, field by field', () => {
  const extra = { ...result(3), note: 'from a newer store' };
  const summary = { ...emptySummary(1), results: [extra as TestResult] };
  expect(unpackSummary(deserialize(serialize(packSummary(summary))))).toEqual(summary);
});
