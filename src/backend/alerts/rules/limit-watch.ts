/** The four ISA alarm limits; each is a condition of its own with its own alert. */
export type LimitKind = 'high_high' | 'high' | 'low' | 'low_low';

export interface Limit {
  kind: LimitKind;
  value: number;
  /** How far back inside the limit a reading must come before the condition clears. */
  deadband: number;
  /** How long the limit must stay crossed, by message timestamps, before the condition holds. */
  onDelayS: number;
}

/** What is remembered of one limit between readings. */
export interface LimitWatch {
  active: boolean;
  /** When the current crossing began, while it has not yet lasted the on-delay. */
  pendingSinceMs: number | null;
}

export interface Reading {
  value: number;
  /** The machine's timestamp of the reading. */
  atMs: number;
}

export type LimitChange = 'raise' | 'return' | null;

const isHighSide = (kind: LimitKind): boolean => kind === 'high' || kind === 'high_high';

function crosses(limit: Limit, value: number): boolean {
  return isHighSide(limit.kind) ? value > limit.value : value < limit.value;
}

/** Back inside by the deadband: a reading hovering at the limit does not clear and re-raise. */
function backInside(limit: Limit, value: number): boolean {
  return isHighSide(limit.kind)
    ? value <= limit.value - limit.deadband
    : value >= limit.value + limit.deadband;
}

/**
 * One reading against one limit. A crossing raises only once it has lasted the on-delay
 * (a reading inside the limit before that starts the wait again); an active condition returns
 * only when a reading is back inside by the deadband.
 */
export function watchLimit(
  limit: Limit,
  watch: LimitWatch,
  reading: Reading,
): { watch: LimitWatch; change: LimitChange } {
  if (watch.active) {
    return backInside(limit, reading.value)
      ? { watch: { active: false, pendingSinceMs: null }, change: 'return' }
      : { watch, change: null };
  }
  if (!crosses(limit, reading.value)) {
    return { watch: { active: false, pendingSinceMs: null }, change: null };
  }
  // A reading older than the start of the crossing (out of order) does not restart it.
  const since = Math.min(watch.pendingSinceMs ?? reading.atMs, reading.atMs);
  if (reading.atMs - since >= limit.onDelayS * 1000) {
    return { watch: { active: true, pendingSinceMs: null }, change: 'raise' };
  }
  return { watch: { active: false, pendingSinceMs: since }, change: null };
}

/** The limits a threshold row sets, in the order they are evaluated. */
export function limitsOf(threshold: {
  highHigh: number | null;
  high: number | null;
  low: number | null;
  lowLow: number | null;
  deadband: number;
  onDelayS: number;
}): Limit[] {
  const values: [LimitKind, number | null][] = [
    ['high_high', threshold.highHigh],
    ['high', threshold.high],
    ['low', threshold.low],
    ['low_low', threshold.lowLow],
  ];
  return values
    .filter((entry): entry is [LimitKind, number] => entry[1] !== null)
    .map(([kind, value]) => ({
      kind,
      value,
      deadband: threshold.deadband,
      onDelayS: threshold.onDelayS,
    }));
}
