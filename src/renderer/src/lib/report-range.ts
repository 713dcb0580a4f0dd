import type { Shift } from '../../../shared/contract';

/**
 * The time ranges a report can be asked for, worked out in the plant's local time (the
 * browser's). Pure functions of "now" and the shift plan, so they can be tested without a clock.
 */

export type RangePreset = 'current-shift' | 'last-shift' | 'today' | 'yesterday' | 'last-7-days';

export interface TimeRange {
  fromMs: number;
  toMs: number;
  /** How people call it: "Early shift", "Yesterday". */
  label: string;
}

const MINUTE_MS = 60_000;

/** A shift of the plan placed on the calendar. */
export interface ShiftInstance {
  name: string;
  fromMs: number;
  toMs: number;
}

function startHour(shift: Shift): number {
  return Number(shift.start.slice(0, 2));
}

/** Local midnight of the day `dayOffset` days from the day of `ms` (DST-safe: calendar days). */
function localMidnight(ms: number, dayOffset = 0): Date {
  const day = new Date(ms);
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() + dayOffset);
}

function atHour(midnight: Date, hour: number): number {
  return new Date(midnight.getFullYear(), midnight.getMonth(), midnight.getDate(), hour).getTime();
}

/**
 * Every shift start from the day before `nowMs` to the day after, in time order. Each shift runs
 * to the next start; with one shift a day it runs 24 hours.
 */
function shiftInstancesAround(shifts: readonly Shift[], nowMs: number): ShiftInstance[] {
  const ordered = [...shifts].sort((a, b) => startHour(a) - startHour(b));
  const starts: { name: string; ms: number }[] = [];
  for (const dayOffset of [-2, -1, 0, 1]) {
    const midnight = localMidnight(nowMs, dayOffset);
    for (const shift of ordered)
      starts.push({ name: shift.name, ms: atHour(midnight, startHour(shift)) });
  }
  const instances: ShiftInstance[] = [];
  for (let i = 0; i + 1 < starts.length; i += 1) {
    const start = starts[i];
    const next = starts[i + 1];
    if (start && next) instances.push({ name: start.name, fromMs: start.ms, toMs: next.ms });
  }
  return instances;
}

/** The shift running at `nowMs`, and the one before it. */
export function shiftsAt(
  shifts: readonly Shift[],
  nowMs: number,
): { current: ShiftInstance; previous: ShiftInstance } | null {
  const instances = shiftInstancesAround(shifts, nowMs);
  const index = instances.findIndex((shift) => shift.fromMs <= nowMs && nowMs < shift.toMs);
  const current = instances[index];
  const previous = instances[index - 1];
  return current && previous ? { current, previous } : null;
}

/**
 * A range that ends "now" still has to end after it starts: at a shift's or a day's very
 * first minute, it covers that minute.
 */
function untilNow(fromMs: number, nowMs: number): number {
  return Math.max(nowMs, fromMs + MINUTE_MS);
}

export function presetRange(
  preset: RangePreset,
  shifts: readonly Shift[],
  nowMs: number,
): TimeRange {
  switch (preset) {
    case 'current-shift': {
      const found = shiftsAt(shifts, nowMs);
      if (!found) return presetRange('today', shifts, nowMs);
      const { current } = found;
      return {
        fromMs: current.fromMs,
        toMs: untilNow(current.fromMs, nowMs),
        label: `${current.name} shift, so far`,
      };
    }
    case 'last-shift': {
      const found = shiftsAt(shifts, nowMs);
      if (!found) return presetRange('yesterday', shifts, nowMs);
      const { previous } = found;
      return { fromMs: previous.fromMs, toMs: previous.toMs, label: `${previous.name} shift` };
    }
    case 'today': {
      const fromMs = localMidnight(nowMs).getTime();
      return { fromMs, toMs: untilNow(fromMs, nowMs), label: 'Today, so far' };
    }
    case 'yesterday':
      return {
        fromMs: localMidnight(nowMs, -1).getTime(),
        toMs: localMidnight(nowMs).getTime(),
        label: 'Yesterday',
      };
    case 'last-7-days': {
      // Today and the six calendar days before it.
      const fromMs = localMidnight(nowMs, -6).getTime();
      return { fromMs, toMs: untilNow(fromMs, nowMs), label: 'Last 7 days' };
    }
  }
}

/** The value an <input type="datetime-local"> shows for an instant, in local time. */
export function toLocalInput(ms: number): string {
  const date = new Date(ms);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** Whole hours and minutes of a range, for "8 h" or "3 h 25 min". */
export function describeDuration(fromMs: number, toMs: number): string {
  const minutes = Math.round((toMs - fromMs) / MINUTE_MS);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours >= 48 && rest === 0 && hours % 24 === 0) return `${hours / 24} days`;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
