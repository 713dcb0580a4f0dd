/** More than this many dead letters within the window is a spike. */
export const DEAD_LETTER_SPIKE = 20;
export const DEAD_LETTER_WINDOW_MS = 60_000;

export interface CountAt {
  atMs: number;
  count: number;
}

/**
 * Adds a count to a sliding window and drops what fell out of it. Pure: the caller keeps the
 * returned entries for the next call.
 */
export function slideWindow(
  entries: readonly CountAt[],
  added: CountAt | null,
  nowMs: number,
  windowMs: number,
): { entries: CountAt[]; total: number } {
  const kept = entries.filter((entry) => nowMs - entry.atMs < windowMs);
  if (added && added.count > 0) kept.push(added);
  return { entries: kept, total: kept.reduce((sum, entry) => sum + entry.count, 0) };
}
