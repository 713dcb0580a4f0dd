import type { Alert, AlertPriority } from '../../../shared/contract';

/** Priorities loud enough to call someone across the room; medium and low stay silent. */
export const RINGING_PRIORITIES: ReadonlySet<AlertPriority> = new Set(['critical', 'high']);

/**
 * An alert raised longer ago than this is old news when it first reaches this screen (a
 * screen opened late, a change of an alert raised before login): it does not ring.
 */
export const FRESH_ALERT_MS = 60_000;

/** Enough ids to recognise every alert of a flood; older ids are forgotten first. */
export const HEARD_LIMIT = 5_000;

export interface AlarmDecision {
  /** The alerts that ring now (at most one tone is played for a batch, however many). */
  ring: Alert[];
  /** Every alert id this screen has heard of, including this batch's. */
  heard: Set<number>;
}

/**
 * Which alerts of an 'alerts.changed' batch ring: a newly raised, unacknowledged, high or
 * critical alert, seen here for the first time. Acknowledging, shelving, a return to normal
 * or a re-raise of the same alert sends the same id again, so it never rings twice.
 */
export function alertsThatRing(
  items: readonly Alert[],
  heardBefore: ReadonlySet<number>,
  nowMs: number,
): AlarmDecision {
  const heard = new Set(heardBefore);
  const ring: Alert[] = [];
  for (const alert of items) {
    if (heard.has(alert.id)) continue;
    heard.add(alert.id);
    if (isNewAndLoud(alert, nowMs)) ring.push(alert);
  }
  // A Set iterates in insertion order, so the first ids are the oldest ones.
  for (const id of heard) {
    if (heard.size <= HEARD_LIMIT) break;
    heard.delete(id);
  }
  return { ring, heard };
}

function isNewAndLoud(alert: Alert, nowMs: number): boolean {
  if (!RINGING_PRIORITIES.has(alert.priority)) return false;
  if (alert.state !== 'active_unacked' || alert.outOfService) return false;
  if (alert.shelvedUntil !== null && Date.parse(alert.shelvedUntil) > nowMs) return false;
  const raisedAt = Date.parse(alert.raisedAt);
  return Number.isFinite(raisedAt) && nowMs - raisedAt <= FRESH_ALERT_MS;
}
