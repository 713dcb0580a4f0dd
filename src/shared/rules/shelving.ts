/**
 * How long an alert may be shelved. Shelving is for a shift's nuisance, not a way to switch an
 * alert off for good: at most 24 hours, and it must end in the future. One rule for the
 * contract's input, the backend's check of an end time and the shelve dialog.
 */

const MINUTE_MS = 60_000;

export const MAX_SHELVE_MINUTES = 24 * 60;
export const MAX_SHELVE_MS = MAX_SHELVE_MINUTES * MINUTE_MS;

/** The limit in words, for summaries, hints and refusals. */
export const MAX_SHELVE_TEXT = `${MAX_SHELVE_MINUTES / 60} hours`;

/** Why a shelving to `untilMs` may not be, or null when it may. */
export function shelvingProblem(untilMs: number, nowMs: number): string | null {
  if (untilMs <= nowMs) return 'until must be in the future';
  if (untilMs - nowMs > MAX_SHELVE_MS)
    return `an alert may be shelved for at most ${MAX_SHELVE_TEXT}`;
  return null;
}

/**
 * When a shelving asked for now ends, or why it may not: given either minutes from now or an
 * end time (ISO).
 */
export function shelveEnd(
  asked: { minutes?: number; until?: string },
  nowMs: number,
): { untilMs: number } | { problem: string } {
  const untilMs =
    asked.minutes !== undefined ? nowMs + asked.minutes * MINUTE_MS : Date.parse(asked.until ?? '');
  if (!Number.isFinite(untilMs)) return { problem: 'give either until or minutes' };
  const problem = shelvingProblem(untilMs, nowMs);
  return problem === null ? { untilMs } : { problem };
}
