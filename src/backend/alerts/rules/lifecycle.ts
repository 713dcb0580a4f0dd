import type { AlertState } from '../../../shared/contract';

/** What can happen to an alert. `raise` and `return` come from the process, the rest from people. */
export type AlertAction = 'raise' | 'return' | 'acknowledge' | 'resolve';

/** No alert yet for the condition: the state before the first raise. */
export type AlertStateOrNone = AlertState | 'none';

/**
 * The ISA-18.2 state machine. Each row says what an action does in each state; a missing
 * entry means the action does not apply there (it changes nothing and records nothing).
 * Shelving and out of service are not states: they hide an alert while these states go on.
 */
const TRANSITIONS: Record<AlertStateOrNone, Partial<Record<AlertAction, AlertState>>> = {
  none: { raise: 'active_unacked' },
  active_unacked: { return: 'returned_unacked', acknowledge: 'active_acked', resolve: 'cleared' },
  active_acked: { return: 'cleared', resolve: 'cleared' },
  returned_unacked: { raise: 'active_unacked', acknowledge: 'cleared', resolve: 'cleared' },
  // A cleared alert is history: the next raise of its condition is a new alert (from `none`).
  cleared: {},
};

/** The next state, or null when the action does not apply in this state. */
export function nextAlertState(state: AlertStateOrNone, action: AlertAction): AlertState | null {
  return TRANSITIONS[state][action] ?? null;
}

export const isOpen = (state: AlertState): boolean => state !== 'cleared';

/** Shelved (until a time still ahead) or out of service: tracked, but not annunciated. */
export function isSuppressed(
  alert: { shelvedUntilMs: number | null; outOfService: boolean },
  nowMs: number,
): boolean {
  return alert.outOfService || (alert.shelvedUntilMs !== null && alert.shelvedUntilMs > nowMs);
}
