import { describe, expect, it } from 'vitest';
import { MACHINE_STATES } from '../../../src/backend/ingest/protocol';
import { type RefusedCase, parseJson, validState, withField } from './fixtures';

describe('state change', () => {
  it('reads the contract example', () => {
    expect(parseJson('state', validState())).toEqual({
      ok: true,
      message: {
        kind: 'state',
        lineId: 'LINE-1',
        machineId: 'MACH-01',
        timestampMs: Date.parse('2026-11-22T10:00:02Z'),
        state: 'down',
        reason: 'jam',
      },
    });
  });

  it.each(MACHINE_STATES.map((state) => [state]))('accepts the state %s', (state) => {
    expect(parseJson('state', { ...validState(), state }).ok).toBe(true);
  });

  it('accepts the last will, which has no timestamp, with a null time', () => {
    expect(parseJson('state', { state: 'offline' })).toMatchObject({
      ok: true,
      message: { state: 'offline', timestampMs: null },
    });
  });

  it('accepts a state without a reason', () => {
    expect(parseJson('state', withField(validState(), 'reason', undefined)).ok).toBe(true);
  });

  const refused: RefusedCase[] = [
    { name: 'unknown state', body: withField(validState(), 'state', 'exploded'), field: 'state' },
    { name: 'state in capitals', body: withField(validState(), 'state', 'DOWN'), field: 'state' },
    { name: 'missing state', body: withField(validState(), 'state', undefined), field: 'state' },
    { name: 'numeric state', body: withField(validState(), 'state', 3), field: 'state' },
    {
      name: 'down without timestamp',
      body: withField(validState(), 'timestamp', undefined),
      field: 'timestamp',
    },
    {
      name: 'bad timestamp',
      body: withField(validState(), 'timestamp', '22/11/2026'),
      field: 'timestamp',
    },
    {
      name: 'reason over 500',
      body: withField(validState(), 'reason', 'r'.repeat(501)),
      field: 'reason',
    },
    { name: 'numeric reason', body: withField(validState(), 'reason', 42), field: 'reason' },
    {
      name: 'control character in reason',
      body: withField(validState(), 'reason', 'jam\u0007'),
      field: 'reason',
    },
    {
      name: 'other machine_id',
      body: withField(validState(), 'machine_id', 'X'),
      field: 'machine_id',
    },
  ];

  it.each(refused)('refuses $name, naming $field', ({ body, field }) => {
    const outcome = parseJson('state', body);
    expect(outcome).toMatchObject({ ok: false, field });
    expect(!outcome.ok && outcome.reason.startsWith(`${field}: `)).toBe(true);
  });

  it('quotes the unknown state', () => {
    expect(parseJson('state', withField(validState(), 'state', 'exploded'))).toMatchObject({
      reason: 'state: unknown state "exploded"',
    });
  });
});
