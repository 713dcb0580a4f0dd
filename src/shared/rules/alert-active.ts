import type { AlertState } from '../contract/schemas';

/**
 * "Is this alert active": which of the open views an alert is in at a moment. One rule for
 * the store's list (as SQL), the Alerts page, a line's alerts and the machine tiles' counts.
 * - active: open (not cleared), in service and not shelved (or its shelving has run out);
 * - shelved: open and shelved until later, or out of service;
 * - neither: cleared, which is history only.
 * A shelving that ends at `nowMs` has ended: the alert is active again at that moment.
 */

export type OpenView = 'active' | 'shelved';

/** The fields the rule reads, as the contract's Alert has them. */
export interface AlertViewFacts {
  state: AlertState;
  outOfService: boolean;
  /** ISO time, or null when not shelved. */
  shelvedUntil: string | null;
}

export const isShelvedAt = (shelvedUntil: string | null, nowMs: number): boolean =>
  shelvedUntil !== null && Date.parse(shelvedUntil) > nowMs;

/** The open view an alert is in now; null for a cleared alert. */
export function openViewOf(alert: AlertViewFacts, nowMs: number): OpenView | null {
  if (alert.state === 'cleared') return null;
  return alert.outOfService || isShelvedAt(alert.shelvedUntil, nowMs) ? 'shelved' : 'active';
}

export const isActiveAlert = (alert: AlertViewFacts, nowMs: number): boolean =>
  openViewOf(alert, nowMs) === 'active';

export const isShelvedAlert = (alert: AlertViewFacts, nowMs: number): boolean =>
  openViewOf(alert, nowMs) === 'shelved';

/**
 * Waiting for an operator: raised or returned, and nobody has acknowledged it yet. The alarm
 * banner, the plant strip, the tiles' counts, the acknowledge button and the shift handover's
 * open items all count by this.
 */
export const isUnacknowledged = (alert: Pick<AlertViewFacts, 'state'>): boolean =>
  alert.state === 'active_unacked' || alert.state === 'returned_unacked';

/** SQL expressions for the same facts, named by the query that uses the rule. */
export interface AlertViewColumns {
  state: string;
  /** 0 or 1 (never null: coalesce a missing condition row). */
  outOfService: string;
  /** Epoch milliseconds or NULL. */
  shelvedUntilMs: string;
  /** The moment, as a bound parameter. */
  now: string;
}

/** A shelving that has ended at `now` (or none), as SQL: the shelving's expiry uses it too. */
export const shelvingOverSql = (shelvedUntilMs: string, now: string): string =>
  `(${shelvedUntilMs} IS NULL OR ${shelvedUntilMs} <= ${now})`;

/** The rule as a SQL condition for each view of `alerts.list` ('history' keeps every alert). */
export function alertViewSql(
  view: OpenView | 'history',
  { state, outOfService, shelvedUntilMs, now }: AlertViewColumns,
): string {
  const shelved = `(${outOfService} = 1 OR NOT ${shelvingOverSql(shelvedUntilMs, now)})`;
  if (view === 'history') return '1';
  if (view === 'active') return `(${state} <> 'cleared' AND NOT ${shelved})`;
  return `(${state} <> 'cleared' AND ${shelved})`;
}
