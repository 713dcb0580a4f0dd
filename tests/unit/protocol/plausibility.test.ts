import { describe, expect, it } from 'vitest';
import {
  MAX_NESTING,
  humanDuration,
  parseFactoryMessage,
  payloadBytes,
} from '../../../src/backend/ingest/protocol';
import { topicOf, validTelemetry, validTestResult } from './fixtures';

const encoder = new TextEncoder();
/** A fixed receiving clock: the checks depend on it, never on today's date. */
const RECEIVED = Date.UTC(2026, 11, 3, 14, 0, 0);

const parse = (kind: string, body: unknown, options: { maxAheadMs?: number } = {}) =>
  parseFactoryMessage(topicOf(kind), encoder.encode(JSON.stringify(body)), {
    receivedAtMs: RECEIVED,
    ...options,
  });

/** `levels` containers, one inside the other: 1 is `[]`. */
const nested = (levels: number): string => '['.repeat(levels) + ']'.repeat(levels);

describe('nesting', () => {
  it(`accepts ${MAX_NESTING} levels (the payload itself is level 1) and refuses one more`, () => {
    const at = (levels: number) =>
      parseFactoryMessage(
        topicOf('test'),
        encoder.encode(
          JSON.stringify(validTestResult()).replace(/}$/, `,"extra":${nested(levels - 1)}}`),
        ),
      );
    expect(at(MAX_NESTING).ok).toBe(true);
    expect(at(MAX_NESTING + 1)).toEqual({
      ok: false,
      field: 'payload',
      reason: 'payload: nesting deeper than 32 levels',
    });
  });

  it('refuses 100,000 nested arrays with a reason instead of overflowing the stack', () => {
    const text = JSON.stringify(validTelemetry()).replace(/}$/, `,"deep":${nested(100_000)}}`);
    expect(parseFactoryMessage(topicOf('telemetry'), encoder.encode(text))).toMatchObject({
      ok: false,
      reason: 'payload: nesting deeper than 32 levels',
    });
  });

  it('serializes a parsed payload of any depth for the pipeline, which then refuses it', () => {
    const deep = JSON.parse(`{"barcode":"SN-1","deep":${nested(100_000)}}`) as unknown;
    const bytes = payloadBytes(deep);
    expect(bytes.byteLength).toBeLessThan(200);
    expect(parseFactoryMessage(topicOf('test'), bytes)).toMatchObject({
      ok: false,
      reason: 'payload: nesting deeper than 32 levels',
    });
    // A payload within the limit is serialized as it is.
    const flat = validTestResult();
    expect(new TextDecoder().decode(payloadBytes(flat))).toBe(JSON.stringify(flat));
  });
});

describe('implausible timestamps', () => {
  it('refuses a state stamped 9999-12-31, saying how far in the future it is', () => {
    expect(parse('state', { timestamp: '9999-12-31T00:00:00Z', state: 'down' })).toEqual({
      ok: false,
      field: 'timestamp',
      reason:
        'timestamp: 9999-12-31T00:00:00.000Z is 7,973 years in the future ' +
        '(more than 5 minutes ahead of the receiving clock)',
    });
  });

  it('accepts up to 5 minutes ahead of the receiving clock, by default, and refuses more', () => {
    const ahead = (ms: number) => ({ ...validTestResult(), timestamp: RECEIVED + ms });
    expect(parse('test', ahead(5 * 60_000)).ok).toBe(true);
    expect(parse('test', ahead(5 * 60_000 + 1))).toMatchObject({
      ok: false,
      field: 'timestamp',
      reason: expect.stringMatching(/is 5 minutes in the future/) as unknown,
    });
    expect(parse('test', ahead(26 * 3_600_000))).toMatchObject({
      reason: expect.stringMatching(/is 1 day in the future/) as unknown,
    });
    expect(parse('test', ahead(30 * 60_000), { maxAheadMs: 60 * 60_000 }).ok).toBe(true);
    expect(
      parse('telemetry', { ...validTelemetry(), timestamp: RECEIVED + 3 * 3_600_000 }),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/is 3 hours in the future/) });
  });

  it('accepts old timestamps (backlogs), the last will without one, and any time without a receiving clock', () => {
    expect(parse('test', { ...validTestResult(), timestamp: '0001-01-01T00:00:00Z' }).ok).toBe(
      true,
    );
    expect(parse('state', { state: 'offline' }).ok).toBe(true);
    const far = { ...validTestResult(), timestamp: '9999-12-31T00:00:00Z' };
    expect(parseFactoryMessage(topicOf('test'), encoder.encode(JSON.stringify(far))).ok).toBe(true);
  });

  it('says durations in human units', () => {
    expect(humanDuration(1500)).toBe('1 second');
    expect(humanDuration(90_000)).toBe('1 minute');
    expect(humanDuration(2 * 3_600_000)).toBe('2 hours');
    expect(humanDuration(3 * 86_400_000)).toBe('3 days');
    expect(humanDuration(2000 * 365.2425 * 86_400_000)).toBe('2,000 years');
  });
});
