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

/** Same order as the backend: priority, then newest first, so a fresh critical is on top. */
export function byPriorityThenAge(a: Alert, b: Alert): number {
  const rank = PRIORITY_LOOK[a.priority].rank - PRIORITY_LOOK[b.priority].rank;
  if (rank !== 0) return rank;
  return Date.parse(b.raisedAt) - Date.parse(a.raisedAt) || b.id - a.id;
}
