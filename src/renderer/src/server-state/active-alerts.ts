import type { QueryClient } from '@tanstack/react-query';
import type { Alert } from '../../../shared/contract';
import { api } from '../api/client';
import { LiveJournal } from './live-journal';

/**
 * The user's active alerts in the server-state cache, one list per machine (or the whole
 * scope): loaded with 'alerts.list', then kept by 'alerts.changed' (see server-state.ts).
 * The lists hold every alert they were told of; which are active is the hook's business,
 * since that depends on the clock (a shelving runs out by itself).
 */
const ACTIVE_ALERTS = ['alerts', 'active'] as const;

export const activeAlertsKey = (machineId?: string) =>
  [...ACTIVE_ALERTS, machineId ?? null] as const;

const journal = new LiveJournal<Alert>();

function merged(
  list: readonly Alert[],
  changes: readonly Alert[],
  machineId: string | null,
): Alert[] {
  const byId = new Map<number, Alert>();
  for (const alert of list) byId.set(alert.id, alert);
  for (const alert of changes) {
    if (machineId === null || alert.machineId === machineId) byId.set(alert.id, alert);
  }
  return [...byId.values()];
}

export function activeAlertsQuery(machineId?: string) {
  return {
    queryKey: activeAlertsKey(machineId),
    queryFn: async (): Promise<Alert[]> => {
      const mark = journal.mark();
      const answer = await api.call('alerts.list', { view: 'active', limit: 500, machineId });
      return merged(answer.alerts, journal.since(mark), machineId ?? null);
    },
  };
}

/**
 * Changed alerts (from the live feed, or an action's answer) go into every cached list they
 * belong to, and into the journal that loads on their way merge over their answer.
 */
export function applyAlertChanges(client: QueryClient, changes: readonly Alert[]): void {
  journal.add(changes);
  for (const [key, list] of client.getQueriesData<Alert[]>({ queryKey: ACTIVE_ALERTS })) {
    if (!list) continue;
    const machineId = (key[2] as string | null | undefined) ?? null;
    client.setQueryData<Alert[]>(key, merged(list, changes, machineId));
  }
}
