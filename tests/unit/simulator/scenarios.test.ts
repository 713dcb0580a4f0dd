import { describe, expect, it } from 'vitest';
import { OVERHEAT, type OutgoingMessage, parseScenarioList } from '../../../simulator/model';
import { createModel, run, sampleOf } from './drive';

const telemetryOf = (messages: OutgoingMessage[], machineId?: string) =>
  messages
    .filter((message) => message.kind === 'telemetry' && message.malformed === undefined)
    .filter((message) => machineId === undefined || message.machineId === machineId)
    .map(sampleOf);

const temperatureOf = (sample: Record<string, unknown>): number => Number(sample['temperature']);

describe('scenarios', () => {
  it('keeps running machines between 55 and 80 °C without scenarios', () => {
    const temperatures = telemetryOf(run(createModel(), 0, 5 * 60_000, 1000)).map(temperatureOf);
    expect(Math.min(...temperatures)).toBeGreaterThan(55);
    expect(Math.max(...temperatures)).toBeLessThan(80);
  });

  it('overheat: the first machine crosses 90 °C within 3 virtual minutes, the others stay normal', () => {
    const messages = run(createModel({ scenarios: ['overheat'] }), 0, 3 * 60_000, 1000);
    const hot = telemetryOf(messages, 'MACH-1-01').find((sample) => temperatureOf(sample) > 90);
    expect(hot).toBeDefined();
    expect(hot!.atMs - messages[0]!.atMs).toBeGreaterThan(OVERHEAT.startsAfterMs);
    const others = telemetryOf(messages).filter((sample) => sample.machineId !== 'MACH-1-01');
    expect(Math.max(...others.map(temperatureOf))).toBeLessThan(80);
  });

  it('downtime: machines go down with the listed reasons and come back to running', () => {
    const states = run(createModel({ scenarios: ['downtime'] }), 0, 30 * 60_000, 1000)
      .filter((message) => message.kind === 'state')
      .map(sampleOf);
    const downs = states.filter((state) => state['state'] === 'down');
    expect(downs.length).toBeGreaterThan(5);
    expect(new Set(downs.map((state) => state['reason']))).toEqual(
      new Set(['jam', 'material_shortage', 'tool_change']),
    );
    // Each stop is followed by a return to running on the same machine.
    for (const down of downs) {
      const later = states
        .slice(states.indexOf(down) + 1)
        .find((state) => state.machineId === down.machineId);
      if (later !== undefined) expect(later['state']).toBe('running');
    }
  });

  it('drift: the last machine of a line moves from its nominal toward the upper limit', () => {
    const voltages = run(createModel({ scenarios: ['drift'] }), 0, 12 * 60_000, 1000)
      .filter((message) => message.kind === 'test' && message.machineId === 'MACH-1-03')
      .map(sampleOf)
      .filter((result) => result['test_step'] === 'voltage_test');
    const mean = (values: number[]) =>
      values.reduce((sum, value) => sum + value, 0) / values.length;
    const firstMinute = voltages.slice(0, 60).map((result) => Number(result['measured_value']));
    const lastMinute = voltages.slice(-60).map((result) => Number(result['measured_value']));
    expect(mean(firstMinute)).toBeLessThan(86.5);
    expect(mean(lastMinute)).toBeGreaterThan(89.5);
  });

  it('flood: most machines breach at once while the flood lasts', () => {
    const messages = run(
      createModel({ scenarios: ['flood'], lines: 3, machinesPerLine: 5 }),
      0,
      140_000,
      1000,
    );
    const breaching = new Set(
      telemetryOf(messages)
        .filter((sample) => sample.atMs - messages[0]!.atMs > 60_000 && temperatureOf(sample) > 90)
        .map((sample) => sample.machineId),
    );
    expect(breaching.size).toBeGreaterThanOrEqual(8);
    const vibrationDuringFlood = telemetryOf(messages).filter(
      (sample) => Number(sample['vibration']) > 6,
    );
    expect(vibrationDuringFlood.length).toBeGreaterThan(0);
  });

  it('reads scenario lists and refuses unknown names', () => {
    expect(parseScenarioList('overheat, bad-data,,overheat')).toEqual(['overheat', 'bad-data']);
    expect(parseScenarioList('')).toEqual([]);
    expect(() => parseScenarioList('overheat,meltdown')).toThrow(/unknown scenario meltdown/);
  });
});
