import { describe, expect, it } from 'vitest';
import { readCliOptions } from '../../../simulator/cli-options';

const NOW = Date.parse('2026-11-22T08:00:00Z');

describe('simulator command line', () => {
  it('reads the documented example', () => {
    const options = readCliOptions(
      '--broker mqtt://127.0.0.1:1883 --lines 3 --machines 5 --rate 5 --seed 42 --scenario overheat,bad-data --duration 60'.split(
        ' ',
      ),
      NOW,
    );
    expect(options).toMatchObject({
      durationMs: 60_000,
      runner: {
        brokerUrl: 'mqtt://127.0.0.1:1883',
        speed: 1,
        model: {
          lines: 3,
          machinesPerLine: 5,
          messagesPerSecond: 5,
          seed: 42,
          scenarios: ['overheat', 'bad-data'],
        },
      },
    });
  });

  it('gives each run its own message ids and serial numbers unless told', () => {
    const first = readCliOptions([], NOW);
    const later = readCliOptions([], NOW + 60_000);
    if (first === 'help' || later === 'help') throw new Error('help');
    expect(later.runner.model.runId).not.toBe(first.runner.model.runId);
    expect(later.runner.model.serialStart).toBeGreaterThan(first.runner.model.serialStart ?? 0);
    const fixed = readCliOptions(['--run-id', 'demo', '--serial-start', '1000'], NOW);
    expect(fixed).toMatchObject({ runner: { model: { runId: 'demo', serialStart: 1000 } } });
  });

  it.each([
    [['--lines', 'three'], /--lines must be a number/],
    [['--machines', '2.5'], /--machines must be a whole number/],
    [['--rate', '0'], /--rate must be at least/],
    [['--scenario', 'meltdown'], /unknown scenario meltdown/],
    [['--colour', 'red'], /Unknown option/],
  ])('refuses %j', (argv, message) => {
    expect(() => readCliOptions(argv, NOW)).toThrow(message);
  });

  it('answers --help', () => {
    expect(readCliOptions(['--help'], NOW)).toBe('help');
  });
});
