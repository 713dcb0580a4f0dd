import { parseFactoryMessage, type ParseOutcome } from '../../../src/backend/ingest/protocol';

export const LINE = 'LINE-1';
export const MACHINE = 'MACH-01';
export const topicOf = (kind: string): string => `factory/${LINE}/${MACHINE}/${kind}`;

const encoder = new TextEncoder();

/** Parses a JS value as the JSON payload a machine would send. */
export function parseJson(kind: string, body: unknown): ParseOutcome {
  return parseFactoryMessage(topicOf(kind), encoder.encode(JSON.stringify(body)));
}

/** Parses raw text, for payloads JSON.stringify cannot produce (bad JSON, 1e999). */
export function parseText(kind: string, text: string): ParseOutcome {
  return parseFactoryMessage(topicOf(kind), encoder.encode(text));
}

export const validTestResult = (): Record<string, unknown> => ({
  barcode: 'SN-1001',
  machine_id: MACHINE,
  product_id: 'PROD-A',
  test_step: 'voltage_test',
  measured_value: 85.5,
  timestamp: '2026-11-22T10:00:00Z',
});

export const validTelemetry = (): Record<string, unknown> => ({
  timestamp: '2026-11-22T10:00:01Z',
  temperature: 71.2,
  units_produced: 12345,
});

export const validState = (): Record<string, unknown> => ({
  timestamp: '2026-11-22T10:00:02Z',
  state: 'down',
  reason: 'jam',
});

export const validCommandAck = (): Record<string, unknown> => ({
  command_id: '4f1c9a',
  ok: true,
  message: 'stopped',
});

/** A refused case: the payload, and the field its reason must name. */
export interface RefusedCase {
  name: string;
  body: Record<string, unknown>;
  field: string;
}

/** The valid body with one field set (`undefined` removes it). */
export function withField(
  base: Record<string, unknown>,
  name: string,
  value: unknown,
): Record<string, unknown> {
  const copy = { ...base };
  if (value === undefined) delete copy[name];
  else copy[name] = value;
  return copy;
}
