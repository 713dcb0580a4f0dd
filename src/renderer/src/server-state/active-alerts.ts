import type { Alert } from '../../../shared/contract';
import { api } from '../api/client';
import { liveList } from './live-list';

/**
 * The user's active alerts, one list per machine (null: the whole scope): loaded with
 * 'alerts.list', then kept by 'alerts.changed' (see server-state.ts). The lists hold every
 * alert they were told of; which are active is the hook's business, since that depends on
 * the clock (a shelving runs out by itself).
 */
export const activeAlerts = liveList<Alert>({
  root: ['alerts', 'active'],
  load: async (machineId) =>
    (
      await api.call('alerts.list', {
        view: 'active',
        limit: 500,
        machineId: machineId ?? undefined,
      })
    ).alerts,
  idOf: (alert) => alert.id,
  belongs: (alert, machineId) => alert.machineId === machineId,
});
