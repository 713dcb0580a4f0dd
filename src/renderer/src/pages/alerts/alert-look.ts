import type { Alert, AlertPriority, AlertState } from '../../../../shared/contract';

/** Priority as word, shape and colour together, so it reads without colour vision too. */
export const PRIORITY_LOOK: Record<AlertPriority, { label: string; glyph: string; rank: number }> =
  {
    critical: { label: 'Critical', glyph: '◆', rank: 0 },
    high: { label: 'High', glyph: '▲', rank: 1 },
    medium: { label: 'Medium', glyph: '●', rank: 2 },
    low: { label: 'Low', glyph: '▽', rank: 3 },
  };

export const STATE_LABEL: Record<AlertState, string> = {
  active_unacked: 'Active, unacknowledged',
  active_acked: 'Acknowledged',
  returned_unacked: 'Returned, unacknowledged',
  cleared: 'Cleared',
};

export const PRIORITIES: readonly AlertPriority[] = ['critical', 'high', 'medium', 'low'];

export function isUnacknowledged(alert: Alert): boolean {
  return alert.state === 'active_unacked' || alert.state === 'returned_unacked';
}

/** The contract's "active" view: open, not shelved, in service. */
export function isActive(alert: Alert, nowMs: number): boolean {
  if (alert.state === 'cleared' || alert.outOfService) return false;
  return alert.shelvedUntil === null || Date.parse(alert.shelvedUntil) <= nowMs;
}

/** The contract's "shelved" view: open and either shelved (still) or out of service. */
export function isShelved(alert: Alert, nowMs: number): boolean {
  if (alert.state === 'cleared') return false;
  return (
    alert.outOfService || (alert.shelvedUntil !== null && Date.parse(alert.shelvedUntil) > nowMs)
  );
}

/** Same order as the backend: priority, then newest first, so a fresh critical is on top. */
export function byPriorityThenAge(a: Alert, b: Alert): number {
  const rank = PRIORITY_LOOK[a.priority].rank - PRIORITY_LOOK[b.priority].rank;
  if (rank !== 0) return rank;
  return Date.parse(b.raisedAt) - Date.parse(a.raisedAt) || b.id - a.id;
}

/** ISA-18.2: more than 10 new alerts on one line within 10 minutes is a flood. */
export const FLOOD_ALERTS = 10;
export const FLOOD_WINDOW_MS = 10 * 60_000;

/**
 * Lines in a flood, worked out from the raised times of the alerts this screen holds (active
 * and shelved): cheaper than reading the event log, and it ends by itself as time passes.
 */
export function floodedLines(alerts: readonly Alert[], nowMs: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const alert of alerts) {
    if (alert.lineId === null) continue;
    if (nowMs - Date.parse(alert.raisedAt) > FLOOD_WINDOW_MS) continue;
    counts.set(alert.lineId, (counts.get(alert.lineId) ?? 0) + 1);
  }
  return new Map([...counts].filter(([, count]) => count > FLOOD_ALERTS));
}
