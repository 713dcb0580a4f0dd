/** The line shown after `current` when the wall cycles; wraps, and copes with lines vanishing. */
export function nextLineIndex(current: number, lineCount: number): number {
  if (lineCount <= 0) return 0;
  return (current + 1) % lineCount;
}

/** Keeps an index valid after the number of lines changed (a line's last machine left scope). */
export function clampLineIndex(current: number, lineCount: number): number {
  return lineCount <= 0 ? 0 : Math.min(Math.max(0, current), lineCount - 1);
}
