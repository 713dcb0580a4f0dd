import { describe, expect, it } from 'vitest';
import { type RefusedCase, parseJson, validCommandAck, withField } from './fixtures';

describe('command answer', () => {
  it('reads the contract example', () => {
    expect(parseJson('command/ack', validCommandAck())).toEqual({
      ok: true,
      message: {
        kind: 'commandAck',
        lineId: 'LINE-1',
        machineId: 'MACH-01',
        commandId: '4f1c9a',
        ok: true,
        message: 'stopped',
      },
    });
  });

  it('accepts a refusal without a message', () => {
    expect(parseJson('command/ack', { command_id: 'c-2', ok: false })).toMatchObject({
      ok: true,
      message: { ok: false },
    });
  });

  const refused: RefusedCase[] = [
    {
      name: 'missing command_id',
      body: withField(validCommandAck(), 'command_id', undefined),
      field: 'command_id',
    },
    {
      name: 'numeric command_id',
      body: withField(validCommandAck(), 'command_id', 17),
      field: 'command_id',
    },
    {
      name: 'command_id over 128',
      body: withField(validCommandAck(), 'command_id', 'c'.repeat(129)),
      field: 'command_id',
    },
    { name: 'missing ok', body: withField(validCommandAck(), 'ok', undefined), field: 'ok' },
    { name: 'string ok', body: withField(validCommandAck(), 'ok', 'true'), field: 'ok' },
    { name: 'numeric message', body: withField(validCommandAck(), 'message', 1), field: 'message' },
  ];

  it.each(refused)('refuses $name, naming $field', ({ body, field }) => {
    const outcome = parseJson('command/ack', body);
    expect(outcome).toMatchObject({ ok: false, field });
    expect(!outcome.ok && outcome.reason.startsWith(`${field}: `)).toBe(true);
  });
});
