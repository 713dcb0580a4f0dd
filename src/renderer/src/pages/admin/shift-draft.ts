import type { Shift } from '../../../../shared/contract';

export const MAX_SHIFTS = 6;

/** The 24 whole hours a shift may start at, as the contract wants them ("06:00"). */
export const SHIFT_STARTS: readonly string[] = Array.from(
  { length: 24 },
  (_, hour) => `${String(hour).padStart(2, '0')}:00`,
);

/** What is wrong with a shift plan before it is sent, or null; the backend checks the same. */
export function shiftProblem(shifts: readonly Shift[]): string | null {
  if (shifts.length < 1 || shifts.length > MAX_SHIFTS) return `Plan 1 to ${MAX_SHIFTS} shifts.`;
  if (shifts.some((shift) => shift.name.trim() === '')) return 'Every shift needs a name.';
  if (new Set(shifts.map((shift) => shift.start)).size !== shifts.length)
    return 'Two shifts start at the same hour.';
  return null;
}

/** A start hour no shift uses yet, for a newly added shift. */
export function freeStart(shifts: readonly Shift[]): string {
  const used = new Set(shifts.map((shift) => shift.start));
  return SHIFT_STARTS.find((start) => !used.has(start)) ?? '00:00';
}

/** Shifts in the order of the day, as reports list them. */
export function byStart(shifts: readonly Shift[]): Shift[] {
  return [...shifts].sort((a, b) => a.start.localeCompare(b.start));
}
