import type { Shift } from '../../../shared/contract';
import { plantMidnight } from '../../../shared/rules/plant-time';
import { currentAndPreviousShift, type ShiftSpan } from '../../../shared/rules/shifts';

/**
 * The time ranges a report can be asked for, on the plant's wall clock (its time zone setting,
 * not the browser's), placed by the same shift rule as OEE and the end-of-shift exports. Pure
 * functions of "now", the shift plan and the zone, so they can be tested without a clock.
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

const instance = (span: ShiftSpan): ShiftInstance => ({
  name: span.name,
  fromMs: span.startMs,
  toMs: span.endMs,
});

/** The shift running at `nowMs`, and the one before it. */
export function shiftsAt(
  shifts: readonly Shift[],
  nowMs: number,
  timeZone: string,
): { current: ShiftInstance; previous: ShiftInstance } | null {
  const found = currentAndPreviousShift(shifts, nowMs, timeZone);
  return found ? { current: instance(found.current), previous: instance(found.previous) } : null;
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
  timeZone: string,
): TimeRange {
  switch (preset) {
    case 'current-shift': {
      const found = shiftsAt(shifts, nowMs, timeZone);
      if (!found) return presetRange('today', shifts, nowMs, timeZone);
      const { current } = found;
      return {
        fromMs: current.fromMs,
        toMs: untilNow(current.fromMs, nowMs),
        label: `${current.name} shift, so far`,
      };
    }
    case 'last-shift': {
      const found = shiftsAt(shifts, nowMs, timeZone);
      if (!found) return presetRange('yesterday', shifts, nowMs, timeZone);
      const { previous } = found;
      return { fromMs: previous.fromMs, toMs: previous.toMs, label: `${previous.name} shift` };
    }
    case 'today': {
      const fromMs = plantMidnight(nowMs, timeZone);
      return { fromMs, toMs: untilNow(fromMs, nowMs), label: 'Today, so far' };
    }
    case 'yesterday':
      return {
        fromMs: plantMidnight(nowMs, timeZone, -1),
        toMs: plantMidnight(nowMs, timeZone),
        label: 'Yesterday',
      };
    case 'last-7-days': {
      // Today and the six calendar days before it.
      const fromMs = plantMidnight(nowMs, timeZone, -6);
      return { fromMs, toMs: untilNow(fromMs, nowMs), label: 'Last 7 days' };
    }
  }
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
