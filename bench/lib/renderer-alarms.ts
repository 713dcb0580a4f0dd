import type { Alert } from '../../src/shared/contract';
import { callApi } from '../../tests/e2e/api';

/**
 * The plant's open alarms during the renderer bench. Every `down` of the feed raises an alarm
 * that returns to normal when the machine runs again, and (ISA-18.2) stays on the page,
 * returned and unacknowledged, until someone acknowledges it. Left alone, the Overview's data
 * grow with them for the whole run, so the heap figure is read beside their count; with
 * `LINEWATCH_BENCH_RENDERER_ACK=1` a bench operator acknowledges the returned ones each
 * minute, as a staffed control room would, and the heap figure measures the page alone.
 */
const LIMIT = 500;

export async function countOpenAlarms(url: string, token: string): Promise<string> {
  const { alerts, hasMore } = await callApi(
    url,
    'alerts.list',
    { view: 'active', limit: LIMIT },
    token,
  );
  const unacknowledged = alerts.filter((alert: Alert) => alert.state !== 'active_acked').length;
  return `${alerts.length}${hasMore ? '+' : ''} open (${unacknowledged} unacknowledged)`;
}

/** Acknowledges every returned alarm (which clears it), as the operator on shift would. */
export async function acknowledgeReturned(url: string, token: string): Promise<number> {
  const { alerts } = await callApi(url, 'alerts.list', { view: 'active', limit: LIMIT }, token);
  const returned = alerts.filter((alert: Alert) => alert.state === 'returned_unacked');
  for (const alert of returned) await callApi(url, 'alerts.acknowledge', { id: alert.id }, token);
  return returned.length;
}
