import { parseArgs } from 'node:util';
import { type ScenarioName, parseScenarioList } from './model';
import type { RunnerOptions } from './runner';

export const USAGE = `Linewatch machine simulator: publishes the factory protocol to an MQTT broker.

  npm run simulate -- [options]

  --broker URL        broker (default mqtt://127.0.0.1:1883)
  --lines N           lines (default 3)
  --machines N        machines per line (default 5)
  --rate R            messages per second per running machine, roughly: a fifth telemetry,
                      the rest test results (default 5). set_rate commands change units/min later.
  --seed N            seed: the same seed gives the same machines and values (default 1)
  --scenario LIST     comma-separated: overheat, drift, downtime, bad-data, flood, broker-drop
  --duration S        stop after S real seconds (default 0: run until Ctrl+C)
  --speed F           virtual seconds per real second (default 1)
  --topic-root ROOT   topic root (default factory)
  --run-id ID         prefix of message ids (default: derived from the start time)
  --serial-start N    first serial number in barcodes (default: derived from the start time)
  --sparkplug         publish as Sparkplug B edge nodes (spBv1.0/Linewatch/…): one per line,
                      a device per machine, with births, deaths and a forced sequence gap a minute
  --help`;

export interface CliOptions {
  runner: RunnerOptions;
  durationMs: number;
  /** Publish as Sparkplug B edge nodes instead of the JSON protocol. */
  sparkplug: boolean;
}

/** Reads argv into runner options, or throws an Error whose message is meant for the user. */
export function readCliOptions(argv: string[], nowMs: number): CliOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      broker: { type: 'string', default: 'mqtt://127.0.0.1:1883' },
      lines: { type: 'string', default: '3' },
      machines: { type: 'string', default: '5' },
      rate: { type: 'string', default: '5' },
      seed: { type: 'string', default: '1' },
      scenario: { type: 'string', default: '' },
      duration: { type: 'string', default: '0' },
      speed: { type: 'string', default: '1' },
      'topic-root': { type: 'string', default: 'factory' },
      'run-id': { type: 'string' },
      'serial-start': { type: 'string' },
      sparkplug: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return 'help';
  const scenarios: ScenarioName[] = parseScenarioList(values.scenario);
  return {
    durationMs: readNumber('duration', values.duration, { min: 0 }) * 1000,
    sparkplug: values.sparkplug,
    runner: {
      brokerUrl: values.broker,
      speed: readNumber('speed', values.speed, { min: 0.01 }),
      model: {
        seed: readNumber('seed', values.seed, { integer: true }),
        lines: readNumber('lines', values.lines, { integer: true, min: 1 }),
        machinesPerLine: readNumber('machines', values.machines, { integer: true, min: 1 }),
        messagesPerSecond: readNumber('rate', values.rate, { min: 0.01 }),
        scenarios,
        topicRoot: values['topic-root'],
        // Per-run defaults, so a second run is not taken for duplicates (same message_id) or
        // retests (same barcode): serials advance 10 per second, more than a machine makes.
        runId: values['run-id'] ?? `run${nowMs.toString(36)}`,
        serialStart:
          values['serial-start'] === undefined
            ? Math.floor(nowMs / 100)
            : readNumber('serial-start', values['serial-start'], { integer: true, min: 0 }),
      },
    },
  };
}

function readNumber(
  name: string,
  text: string,
  rules: { integer?: boolean; min?: number },
): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value))
    throw new Error(`--${name} must be a number, got "${text}"`);
  if (rules.integer === true && !Number.isSafeInteger(value))
    throw new Error(`--${name} must be a whole number`);
  if (rules.min !== undefined && value < rules.min)
    throw new Error(`--${name} must be at least ${rules.min}`);
  return value;
}
