/**
 * A broker connection lost for longer than this raises the critical alert. A reconnect
 * within it (a blip, a broker restart) is only an event; this keeps the alert meaningful.
 */
export const BROKER_GRACE_MS = 10_000;

export type BrokerState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'stopped';

/** Linewatch stopping ingest on purpose is not a lost connection. */
export const isConnectionLost = (state: BrokerState): boolean =>
  state === 'connecting' || state === 'reconnecting' || state === 'offline';

/** Whether to raise now: lost since `lostSinceMs` (null: not lost) for longer than the grace. */
export function brokerAlertDue(lostSinceMs: number | null, nowMs: number): boolean {
  return lostSinceMs !== null && nowMs - lostSinceMs > BROKER_GRACE_MS;
}
