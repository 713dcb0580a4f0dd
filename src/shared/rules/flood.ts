/**
 * The alert-flood rule (ISA-18.2): more than 10 alerts raised within 10 minutes. One
 * definition for the live rule in the store (event log), the alarm report and the banner on
 * the Alerts page, so the three always say the same thing about the same raised alerts.
 *
 * Grouping: per line, and the plant-wide alerts (no line: broker, dead letters, missing spec
 * limits, storage) as a group of their own.
 * - A line is the unit of a common cause (one conveyor, one supply, one crew) and of
 *   responsibility: engineers are assigned lines, and the banner's advice is "look for a
 *   common cause first".
 * - A plant-wide count would put a large plant in a permanent "flood" from its ordinary
 *   background (20 lines at one alert each per 10 minutes are 20), so the banner would mean
 *   nothing; a count per viewer's scope would make the flood depend on who looks, so the event
 *   log, the report and two screens could not agree.
 * Only the raise counts (an alert raised again after returning is not a new alert), whatever
 * the alert's state now: a flood stays a flood when its alerts are acknowledged or shelved.
 *
 * Pure functions over raised times in epoch milliseconds; no clock and no I/O of their own.
 */

/** More than this many alerts raised within the window is a flood. */
export const FLOOD_MORE_THAN = 10;
export const FLOOD_WINDOW_MINUTES = 10;
export const FLOOD_WINDOW_MS = FLOOD_WINDOW_MINUTES * 60_000;

/** The group an alert counts in: its line, or null for the plant-wide alerts. */
export type FloodGroup = string | null;

export const floodGroupOf = (alert: { lineId: string | null }): FloodGroup => alert.lineId;

/** How a flood group is named to people. */
export const floodGroupLabel = (group: FloodGroup): string =>
  group === null ? 'plant-wide alerts' : `line ${group}`;

/**
 * Whether a raise falls in the window that ends at `atMs`: raised after `atMs - window`, and
 * not after `atMs`. The same half-open window everywhere, so a boundary case cannot split them.
 */
export const inFloodWindow = (raisedMs: number, atMs: number): boolean =>
  raisedMs > atMs - FLOOD_WINDOW_MS && raisedMs <= atMs;

/** How many of a group's alerts were raised in the window ending at `atMs`. */
export function alertsInFloodWindow(raisedMs: readonly number[], atMs: number): number {
  let count = 0;
  for (const time of raisedMs) if (inFloodWindow(time, atMs)) count += 1;
  return count;
}

/** Whether a group with this many alerts in its window is flooding. */
export const isFlood = (alertsInWindow: number): boolean => alertsInWindow > FLOOD_MORE_THAN;

/**
 * A group's flood state after a new alert, given how many alerts it raised within the window
 * (this one included) and whether it was flooding. A flood is announced once, when it begins;
 * it ends when the window holds the limit or fewer, and a later flood is announced again.
 */
export function assessFlood(
  alertsInWindow: number,
  wasFlooding: boolean,
): { flooding: boolean; floodBegins: boolean } {
  const flooding = isFlood(alertsInWindow);
  return { flooding, floodBegins: flooding && !wasFlooding };
}

/** One flood of one group, as the alarm report lists it. */
export interface Flood {
  /** The first alert of the window in which the flood began. */
  startMs: number;
  /** When the flood was announced: the alert that made the window hold more than the limit. */
  beganMs: number;
  /** The last alert raised while the flood lasted. */
  endMs: number;
  /** Alerts raised from start to end. */
  alerts: number;
}

/**
 * The floods of one group, found by replaying its raises through `assessFlood` in time order,
 * exactly as the live rule meets them: one flood per announcement.
 */
export function floodsOf(raisedMs: readonly number[]): Flood[] {
  const times = [...raisedMs].sort((a, b) => a - b);
  const floods: Flood[] = [];
  let flooding = false;
  let first = 0;
  times.forEach((time, index) => {
    while (!inFloodWindow(times[first]!, time)) first += 1;
    const step = assessFlood(index - first + 1, flooding);
    if (step.floodBegins)
      floods.push({ startMs: times[first]!, beganMs: time, endMs: time, alerts: 0 });
    else if (step.flooding) floods.at(-1)!.endMs = time;
    flooding = step.flooding;
  });
  for (const flood of floods) {
    flood.alerts = times.filter((time) => time >= flood.startMs && time <= flood.endMs).length;
  }
  return floods;
}

/** An alert as the flood rule sees it: its group and when it was raised. */
export interface Raise {
  lineId: string | null;
  raisedMs: number;
}

/** The raise of an alert as the contract carries it. */
export const raiseOf = (alert: { lineId: string | null; raisedAt: string }): Raise => ({
  lineId: alert.lineId,
  raisedMs: Date.parse(alert.raisedAt),
});

/**
 * The groups flooding on a screen whose clock says `clockMs`: at the later of that and the
 * newest raise it knows (a screen's clock ticks coarsely; a raise is never in the future).
 */
export function floodingOnScreen(
  raises: Iterable<Raise>,
  clockMs: number,
): Map<FloodGroup, number> {
  const all = [...raises];
  let atMs = clockMs;
  for (const raise of all) atMs = Math.max(atMs, raise.raisedMs);
  return floodingGroups(all, atMs);
}

/** Raised times by flood group. */
export function raisedByGroup(alerts: Iterable<Raise>): Map<FloodGroup, number[]> {
  const groups = new Map<FloodGroup, number[]>();
  for (const alert of alerts) {
    const group = floodGroupOf(alert);
    const times = groups.get(group) ?? [];
    times.push(alert.raisedMs);
    groups.set(group, times);
  }
  return groups;
}

/**
 * The groups flooding at `atMs`, with their alerts in the window: what the banner shows.
 * `alerts` are every alert known to have been raised lately, whatever their state.
 */
export function floodingGroups(alerts: Iterable<Raise>, atMs: number): Map<FloodGroup, number> {
  const flooding = new Map<FloodGroup, number>();
  for (const [group, times] of raisedByGroup(alerts)) {
    const count = alertsInFloodWindow(times, atMs);
    if (isFlood(count)) flooding.set(group, count);
  }
  return flooding;
}
