import { describe, expect, it } from 'vitest';
import {
  commandAnswer,
  commandMetric,
  commandValue,
} from '../../../src/backend/ingest/sparkplug/sparkplug-commands';
import { DataType } from '../../../src/backend/ingest/sparkplug/sparkplug-schema';

describe('Sparkplug commands', () => {
  it('finds the metric an admin gave the command meaning', () => {
    const roles = { 'Cmd/Go': 'command_start', 'Sensors/T': 'temperature' } as const;
    expect(commandMetric(roles, 'start')).toBe('Cmd/Go');
    expect(commandMetric(roles, 'stop')).toBeNull();
  });

  it('writes true, 1 or the name for start/stop/reset, and the rate for set_rate', () => {
    expect(commandValue('start', {}, DataType.Boolean)).toEqual({ ok: true, value: true });
    expect(commandValue('stop', {}, DataType.Int32)).toEqual({ ok: true, value: 1 });
    expect(commandValue('reset', {}, DataType.String)).toEqual({ ok: true, value: 'reset' });
    expect(commandValue('set_rate', { units_per_minute: 12.6 }, DataType.UInt16)).toEqual({
      ok: true,
      value: 13,
    });
    expect(commandValue('set_rate', { units_per_minute: 12.5 }, DataType.Double)).toEqual({
      ok: true,
      value: 12.5,
    });
    expect(commandValue('set_rate', { units_per_minute: 5 }, DataType.Boolean)).toEqual({
      ok: false,
      reason: 'set_rate needs a number metric (this one is Boolean)',
    });
    expect(commandValue('start', {}, DataType.DataSet).ok).toBe(false);
  });

  it('answers ok on the written value (a Float as 32 bits), failed on another', () => {
    expect(commandAnswer('Rate', 0.1, Math.fround(0.1))).toEqual({
      ok: true,
      message: 'Sparkplug: Rate = 0.10000000149011612',
    });
    expect(commandAnswer('Go', true, false)).toEqual({
      ok: false,
      message: 'Sparkplug: Go reported false after the command wrote true',
    });
  });
});
