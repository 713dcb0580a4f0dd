import { ProtocolRefusal } from './refusal';

const UNITS: [name: string, ms: number][] = [
  // The Gregorian calendar's mean year, so that year counts agree with the calendar.
  ['year', 365.2425 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** A duration as people say it, in its largest whole unit: "7,973 years", "6 minutes". */
export function humanDuration(ms: number): string {
  for (const [name, size] of UNITS) {
    const count = Math.floor(ms / size);
    if (count >= 1) return `${count.toLocaleString('en-US')} ${name}${count === 1 ? '' : 's'}`;
  }
  return `${Math.max(0, Math.round(ms))} ms`;
}

/**
 * A message stamped further ahead of the receiving clock than `maxAheadMs` is implausible (a
 * machine clock gone wrong, 9999-12-31 as "never"): stored, it would freeze a machine's state
 * or count in a shift that has not happened. Old stamps are accepted (backlogs are real).
 */
export function checkNotInFuture(
  timestampMs: number,
  receivedAtMs: number,
  maxAheadMs: number,
): void {
  const ahead = timestampMs - receivedAtMs;
  if (ahead <= maxAheadMs) return;
  throw new ProtocolRefusal(
    'timestamp',
    `${new Date(timestampMs).toISOString()} is ${humanDuration(ahead)} in the future ` +
      `(more than ${humanDuration(maxAheadMs)} ahead of the receiving clock)`,
  );
}
