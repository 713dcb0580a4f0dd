/** A condition that returns to normal this often within the window is chattering. */
export const CHATTER_CLEARS = 3;
export const CHATTER_WINDOW_MS = 60_000;

/**
 * Notes one return to normal. Keeps the returns within the window, and says the condition
 * begins to chatter when this return is the one that reaches the count (reported once per
 * burst, not at every further return).
 */
export function noteReturn(
  recentReturnsMs: readonly number[],
  nowMs: number,
): { recentReturnsMs: number[]; chatterBegins: boolean } {
  const kept = recentReturnsMs.filter((at) => nowMs - at < CHATTER_WINDOW_MS && at <= nowMs);
  kept.push(nowMs);
  return { recentReturnsMs: kept, chatterBegins: kept.length === CHATTER_CLEARS };
}
