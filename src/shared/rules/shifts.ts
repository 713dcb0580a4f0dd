import type { Shift } from '../contract';
import { plantDate, plantWallTime } from './plant-time';

/**
 * Where the shift plan falls on the calendar: one definition for OEE per shift, the reports'
 * range presets and the end-of-shift exports. A shift starts at a whole hour of the plant's
 * wall clock and runs to the next shift's start, so a night shift across a daylight-saving
 * change lasts 7 or 9 hours instead of 8.
 */

/** A shift of the plan placed on the calendar. */
export interface ShiftSpan {
  name: string;
  startMs: number;
  endMs: number;
  /** The plant date the shift started on ("2026-03-28" for a night shift into the 29th). */
  plantDate: string;
}

const DAY_MS = 86_400_000;
const startHour = (shift: Shift): number => Number(shift.start.slice(0, 2));

/** Every shift overlapping [fromMs, toMs), in time order, with real (zone-aware) bounds. */
export function shiftSpans(
  shifts: readonly Shift[],
  fromMs: number,
  toMs: number,
  zone: string,
): ShiftSpan[] {
  if (shifts.length === 0 || toMs <= fromMs) return [];
  const ordered = [...shifts].sort((a, b) => startHour(a) - startHour(b));
  const starts: { name: string; atMs: number }[] = [];
  // From the day before (the shift running at fromMs began then) to the day after toMs.
  const days = Math.ceil((toMs - fromMs) / DAY_MS) + 2;
  for (let day = -1; day <= days; day += 1) {
    for (const shift of ordered) {
      starts.push({ name: shift.name, atMs: plantWallTime(fromMs, zone, startHour(shift), day) });
    }
  }
  const spans: ShiftSpan[] = [];
  for (let i = 0; i + 1 < starts.length; i += 1) {
    const start = starts[i]!;
    const endMs = starts[i + 1]!.atMs;
    if (endMs <= start.atMs) continue; // two starts folded into one by a skipped hour
    if (endMs > fromMs && start.atMs < toMs) {
      spans.push({
        name: start.name,
        startMs: start.atMs,
        endMs,
        plantDate: plantDate(start.atMs, zone),
      });
    }
  }
  return spans;
}

/** The shift running at `ms`. */
export function shiftAt(shifts: readonly Shift[], ms: number, zone: string): ShiftSpan | null {
  return shiftSpans(shifts, ms, ms + 1, zone).find((span) => span.startMs <= ms) ?? null;
}

/** The shift running at `ms` and the one before it. */
export function currentAndPreviousShift(
  shifts: readonly Shift[],
  ms: number,
  zone: string,
): { current: ShiftSpan; previous: ShiftSpan } | null {
  const spans = shiftSpans(shifts, ms - 2 * DAY_MS, ms + 1, zone);
  const index = spans.findIndex((span) => span.startMs <= ms && ms < span.endMs);
  const current = spans[index];
  const previous = spans[index - 1];
  return current && previous ? { current, previous } : null;
}

/** The shifts that ended in (afterMs, untilMs], oldest first. */
export function shiftsEndedBetween(
  shifts: readonly Shift[],
  afterMs: number,
  untilMs: number,
  zone: string,
): ShiftSpan[] {
  if (untilMs <= afterMs) return [];
  return shiftSpans(shifts, afterMs - DAY_MS, untilMs, zone).filter(
    (span) => span.endMs > afterMs && span.endMs <= untilMs,
  );
}

/** The most recent shift end at or before `atMs` (where a fresh export starts from). */
export function lastShiftEndAtOrBefore(
  shifts: readonly Shift[],
  atMs: number,
  zone: string,
): number | null {
  return shiftsEndedBetween(shifts, atMs - 2 * DAY_MS, atMs, zone).at(-1)?.endMs ?? null;
}
