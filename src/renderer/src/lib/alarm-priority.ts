import type { Alert, AlertPriority } from '../../../shared/contract';

/**
 * The one look of an alarm priority, used by the tiles, the plant strip, the alarm banner and
 * the alerts tables: a word, a shape and a colour (the `priority-<name>` CSS class), so it reads
 * without colour vision too. Critical ◆, high ▲, medium ■, low ● (ISA-101: one meaning per
 * shape; no machine state uses these shapes).
 */
export interface PriorityLook {
  label: string;
  glyph: string;
  /** 0 is the worst. */
  rank: number;
}

export const PRIORITY_LOOK: Record<AlertPriority, PriorityLook> = {
  critical: { label: 'Critical', glyph: '◆', rank: 0 },
  high: { label: 'High', glyph: '▲', rank: 1 },
  medium: { label: 'Medium', glyph: '■', rank: 2 },
  low: { label: 'Low', glyph: '●', rank: 3 },
};

/** Worst first. */
export const PRIORITIES: readonly AlertPriority[] = ['critical', 'high', 'medium', 'low'];

/** The rule itself is the backend's too (the shift handover counts by it). */
export { isUnacknowledged } from '../../../shared/rules/alert-active';

/** Same order as the backend: priority, then newest first, so a fresh critical is on top. */
export function byPriorityThenAge(a: Alert, b: Alert): number {
  const rank = PRIORITY_LOOK[a.priority].rank - PRIORITY_LOOK[b.priority].rank;
  if (rank !== 0) return rank;
  return Date.parse(b.raisedAt) - Date.parse(a.raisedAt) || b.id - a.id;
}

export type PriorityCounts = Record<AlertPriority, number>;

export const noPriorityCounts = (): PriorityCounts => ({ critical: 0, high: 0, medium: 0, low: 0 });

/** How many alerts of each priority. */
export function countByPriority(alerts: readonly Alert[]): PriorityCounts {
  const counts = noPriorityCounts();
  for (const alert of alerts) counts[alert.priority] += 1;
  return counts;
}

/**
 * The metric a threshold alert is about, from its condition key
 * (`threshold:<machine>:<metric>:<limit>`); null for any other alert.
 */
export function thresholdMetricOf(alert: Pick<Alert, 'source' | 'conditionKey'>): string | null {
  if (alert.source !== 'threshold') return null;
  // A metric name has no ':' (MetricName), so it is the part before the limit kind.
  const parts = alert.conditionKey.split(':');
  return parts.length >= 4 ? (parts[parts.length - 2] ?? null) : null;
}
