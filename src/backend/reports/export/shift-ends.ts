import type { Shift } from '../../../shared/contract';

const DAY_MS = 86_400_000;

/** One finished shift: its name and its span in epoch ms. */
export interface EndedShift {
  name: string;
  startMs: number;
  endMs: number;
}

/**
 * The shifts that ended in (afterMs, untilMs], oldest first. Shifts start at whole hours of
 * the plant's local time (this process's time zone) and each runs to the next one's start,
 * so a shift's end is the next shift's start; `Date` handles daylight-saving days.
 */
export function shiftsEndedBetween(
  shifts: Shift[],
  afterMs: number,
  untilMs: number,
): EndedShift[] {
  const starts = [...shifts]
    .map((shift) => ({ name: shift.name, hour: Number(shift.start.slice(0, 2)) }))
    .sort((a, b) => a.hour - b.hour);
  if (starts.length === 0 || untilMs <= afterMs) return [];
  const boundaries: { name: string; atMs: number }[] = [];
  // From the day before `afterMs` (to know the shift running at it) to the day after `untilMs`.
  const first = new Date(afterMs - DAY_MS);
  for (
    let day = new Date(first.getFullYear(), first.getMonth(), first.getDate());
    day.getTime() <= untilMs + DAY_MS;
    day = new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1)
  ) {
    for (const start of starts) {
      const at = new Date(day.getFullYear(), day.getMonth(), day.getDate(), start.hour).getTime();
      boundaries.push({ name: start.name, atMs: at });
    }
  }
  const ended: EndedShift[] = [];
  for (let i = 0; i + 1 < boundaries.length; i++) {
    const shift = boundaries[i]!;
    const endMs = boundaries[i + 1]!.atMs;
    if (endMs > afterMs && endMs <= untilMs) {
      ended.push({ name: shift.name, startMs: shift.atMs, endMs });
    }
  }
  return ended;
}

/** The most recent shift end at or before `atMs` (where a fresh export starts from). */
export function lastShiftEndAtOrBefore(shifts: Shift[], atMs: number): number | null {
  const ended = shiftsEndedBetween(shifts, atMs - 2 * DAY_MS, atMs);
  return ended.at(-1)?.endMs ?? null;
}
