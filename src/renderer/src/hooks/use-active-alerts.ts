import { useCallback, useMemo, useState } from 'react';
import type { Alert } from '../../../shared/contract';
import { isActiveAlert } from '../../../shared/rules/alert-active';
import { api } from '../api/client';
import { byPriorityThenAge } from '../lib/alarm-priority';
import { useLiveTopic } from './use-live-topic';
import { useLoad } from './use-load';
import { useNow } from './use-now';

export interface ActiveAlerts {
  /** Active alerts (the shared rule), worst and newest first. */
  alerts: readonly Alert[];
  loaded: boolean;
  /** Puts an alert an action returned in at once, before its live change arrives. */
  apply: (alert: Alert) => void;
}

/**
 * The user's active alerts (of one machine, when given): first from 'alerts.list', then kept by 'alerts.changed' (the backend
 * scopes both to the user's machines). Used by the tiles, the plant strip and the alarm banner.
 */
export function useActiveAlerts(machineId?: string): ActiveAlerts {
  const initial = useLoad(
    () => api.call('alerts.list', { view: 'active', limit: 500, machineId }),
    `active-${machineId ?? ''}`,
    { onReload: () => setChanged(new Map()) },
  );
  const [changed, setChanged] = useState<ReadonlyMap<number, Alert>>(new Map());
  // A shelving runs out by itself, with no change sent: look again twice a minute.
  const now = useNow(30_000);

  const merge = useCallback(
    (items: readonly Alert[]): void => {
      setChanged((current) => {
        const next = new Map(current);
        for (const alert of items) {
          if (machineId === undefined || alert.machineId === machineId) next.set(alert.id, alert);
        }
        return next;
      });
    },
    [machineId],
  );
  useLiveTopic('alerts.changed', merge);

  const alerts = useMemo(() => {
    const byId = new Map<number, Alert>();
    for (const alert of initial.data?.alerts ?? []) byId.set(alert.id, alert);
    for (const alert of changed.values()) byId.set(alert.id, alert);
    return [...byId.values()].filter((alert) => isActiveAlert(alert, now)).sort(byPriorityThenAge);
  }, [initial.data, changed, now]);

  const apply = useCallback((alert: Alert) => merge([alert]), [merge]);
  return { alerts, loaded: initial.data !== null, apply };
}
