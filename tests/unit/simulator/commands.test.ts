import { describe, expect, it } from 'vitest';
import { parseFactoryMessage } from '../../../src/backend/ingest/protocol';
import type { OutgoingMessage } from '../../../simulator/model';
import { START_MS, bodyOf, commandPayload, createModel, run } from './drive';

const LINE = 'LINE-1';
const MACHINE = 'MACH-1-01';
const ofMachine = (messages: OutgoingMessage[], kind: OutgoingMessage['kind']) =>
  messages.filter((message) => message.machineId === MACHINE && message.kind === kind);

describe('commands', () => {
  it('stop: answers ok, goes idle, and produces no more units until start', () => {
    const model = createModel();
    run(model, 0, 30_000);
    const answer = model.applyCommand(LINE, MACHINE, commandPayload('stop'), START_MS + 30_000);
    expect(answer.map((message) => message.kind)).toEqual(['state', 'commandAck']);
    expect(bodyOf(answer[0]!)).toMatchObject({ state: 'idle', reason: 'stopped by command' });
    expect(bodyOf(answer[1]!)).toEqual({ command_id: 'cmd-1', ok: true, message: 'stopped' });
    for (const message of answer)
      expect(parseFactoryMessage(message.topic, Buffer.from(message.payload)).ok).toBe(true);

    const unitsAtStop = model.snapshot(LINE, MACHINE).unitsProduced;
    const whileStopped = run(model, 30_100, 90_000);
    expect(ofMachine(whileStopped, 'test')).toEqual([]);
    const counters = ofMachine(whileStopped, 'telemetry').map(
      (message) => bodyOf(message)['units_produced'],
    );
    expect(new Set(counters)).toEqual(new Set([unitsAtStop]));
    expect(model.snapshot(LINE, MACHINE).state).toBe('idle');

    const restart = model.applyCommand(
      LINE,
      MACHINE,
      commandPayload('start', {}, 'cmd-2'),
      START_MS + 90_000,
    );
    expect(bodyOf(restart[0]!)).toMatchObject({ state: 'running' });
    expect(ofMachine(run(model, 90_100, 120_000), 'test').length).toBeGreaterThan(0);
  });

  it('stop leaves other machines running', () => {
    const model = createModel();
    model.applyCommand(LINE, MACHINE, commandPayload('stop'), START_MS);
    const others = run(model, 0, 30_000).filter(
      (message) => message.kind === 'test' && message.machineId !== MACHINE,
    );
    expect(others.length).toBeGreaterThan(100);
  });

  it('set_rate: changes the units per minute the machine makes', () => {
    const model = createModel();
    const unitsIn = (fromMs: number, toMs: number): number => {
      const before = model.snapshot(LINE, MACHINE).unitsProduced;
      run(model, fromMs, toMs);
      return model.snapshot(LINE, MACHINE).unitsProduced - before;
    };
    const atStartRate = unitsIn(0, 60_000);
    const answer = model.applyCommand(
      LINE,
      MACHINE,
      commandPayload('set_rate', { units_per_minute: 20 }),
      START_MS + 60_000,
    );
    expect(bodyOf(answer.at(-1)!)).toMatchObject({ ok: true, message: 'rate set to 20 units/min' });
    expect(model.snapshot(LINE, MACHINE).unitsPerMinute).toBe(20);
    const atNewRate = unitsIn(60_100, 120_000);
    expect(atStartRate).toBeGreaterThan(70); // 5 msg/s: 80 units/min of a 3-step product
    expect(atNewRate).toBeGreaterThanOrEqual(18);
    expect(atNewRate).toBeLessThanOrEqual(22);
  });

  it.each([
    ['no rate', {}],
    ['a string rate', { units_per_minute: '20' }],
    ['a zero rate', { units_per_minute: 0 }],
    ['an absurd rate', { units_per_minute: 1e6 }],
  ])('set_rate with %s is refused in the answer and changes nothing', (_name, args) => {
    const model = createModel();
    const answer = model.applyCommand(LINE, MACHINE, commandPayload('set_rate', args), START_MS);
    expect(answer.at(-1)?.kind).toBe('commandAck');
    expect(bodyOf(answer.at(-1)!)).toMatchObject({ command_id: 'cmd-1', ok: false });
    expect(model.snapshot(LINE, MACHINE).unitsPerMinute).toBe(80);
  });

  it('reset: zeroes the counter and clears a fault', () => {
    const model = createModel({ scenarios: ['downtime'] });
    let down: OutgoingMessage | undefined;
    for (let elapsed = 0; down === undefined && elapsed < 60 * 60_000; elapsed += 1000) {
      down = model
        .step(START_MS + elapsed)
        .find((message) => message.machineId === MACHINE && bodyOf(message)['state'] === 'down');
    }
    expect(down).toBeDefined();
    expect(model.snapshot(LINE, MACHINE).unitsProduced).toBeGreaterThan(0);
    const start = model.applyCommand(
      LINE,
      MACHINE,
      commandPayload('start', {}, 'c-start'),
      down!.atMs,
    );
    expect(bodyOf(start.at(-1)!)).toMatchObject({ ok: false });
    const answer = model.applyCommand(
      LINE,
      MACHINE,
      commandPayload('reset', {}, 'c-reset'),
      down!.atMs,
    );
    expect(bodyOf(answer[0]!)).toMatchObject({ state: 'running' });
    expect(bodyOf(answer.at(-1)!)).toEqual({
      command_id: 'c-reset',
      ok: true,
      message: 'reset: fault cleared, counter at 0',
    });
    expect(model.snapshot(LINE, MACHINE)).toMatchObject({ unitsProduced: 0, state: 'running' });
  });

  it('answers an unknown command with ok false', () => {
    const answer = createModel().applyCommand(
      LINE,
      MACHINE,
      commandPayload('self_destruct'),
      START_MS,
    );
    expect(bodyOf(answer.at(-1)!)).toEqual({
      command_id: 'cmd-1',
      ok: false,
      message: 'unknown command "self_destruct"',
    });
  });

  it('answers a malformed command when it has a command_id, and stays silent when not', () => {
    const model = createModel();
    const withId = model.applyCommand(LINE, MACHINE, '{"command_id":"c-9","command":42}', START_MS);
    expect(bodyOf(withId.at(-1)!)).toMatchObject({ command_id: 'c-9', ok: false });
    expect(String(bodyOf(withId.at(-1)!)['message'])).toMatch(/^invalid command: command: /);
    const noId = model.applyCommand(LINE, MACHINE, '{not json', START_MS);
    expect(noId.filter((message) => message.kind === 'commandAck')).toEqual([]);
  });
});
