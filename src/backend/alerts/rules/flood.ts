/** More than this many new alerts on one line within the window is a flood (ISA-18.2: 10 / 10 min). */
export const FLOOD_ALERTS = 10;
export const FLOOD_WINDOW_MS = 10 * 60_000;

/**
 * Whether a line is in a flood after a new alert, given how many alerts it raised within the
 * window (this one included). A flood is reported once, when it begins; it ends when the count
 * falls back to the limit, and a later flood is reported again.
 */
export function assessFlood(
  recentAlerts: number,
  wasFlooding: boolean,
): { flooding: boolean; floodBegins: boolean } {
  const flooding = recentAlerts > FLOOD_ALERTS;
  return { flooding, floodBegins: flooding && !wasFlooding };
}
