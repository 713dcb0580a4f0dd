import { parseArgs } from 'node:util';

export interface SoakOptions {
  minutes: number;
  /** Seeds the kill times (printed, so a run can be repeated) and the simulator. */
  seed: number;
  lines: number;
  machinesPerLine: number;
  /** Messages per second per simulated machine. */
  rate: number;
  /** Test results per second from the soak's own publisher (exact acknowledgement count). */
  publisherRate: number;
  /** Keep the data folder afterwards (its path is printed). */
  keepData: boolean;
}

export class SoakUsageError extends Error {}

const positive = (name: string, text: string): number => {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new SoakUsageError(`--${name} must be a number above 0, not "${text}"`);
  return value;
};

/** `npm run soak -- --minutes 2 --seed 7`: 30 minutes at 200 machines unless told. */
export function parseSoakOptions(argv: string[]): SoakOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      minutes: { type: 'string', default: '30' },
      seed: { type: 'string' },
      lines: { type: 'string', default: '10' },
      'machines-per-line': { type: 'string', default: '20' },
      rate: { type: 'string', default: '1' },
      'publisher-rate': { type: 'string', default: '20' },
      'keep-data': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const seed =
    values.seed === undefined ? Math.floor(Math.random() * 1_000_000) : Number(values.seed);
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new SoakUsageError(`--seed must be a whole number from 0, not "${values.seed}"`);
  return {
    minutes: positive('minutes', values.minutes),
    seed,
    lines: Math.floor(positive('lines', values.lines)),
    machinesPerLine: Math.floor(positive('machines-per-line', values['machines-per-line'])),
    rate: positive('rate', values.rate),
    publisherRate: positive('publisher-rate', values['publisher-rate']),
    keepData: values['keep-data'],
  };
}

/** A small seeded generator (mulberry32): the same seed gives the same kill times. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
