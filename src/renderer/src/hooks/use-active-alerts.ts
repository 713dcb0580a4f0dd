import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { Alert } from '../../../shared/contract';
import { isActiveAlert } from '../../../shared/rules/alert-active';
import { byPriorityThenAge } from '../lib/alarm-priority';
import { activeAlerts } from '../server-state/active-alerts';
import { useNow } from './use-now';

export interface ActiveAlerts {
  /** Active alerts (the shared rule), worst and newest first. */
  alerts: readonly Alert[];
  loaded: boolean;
  /** Puts an alert an action returned in at once, before its live change arrives. */
  apply: (alert: Alert) => void;
}

/**
 * The user's active alerts (of one machine, when given), from the server-state cache: loaded
 * by 'alerts.list' and kept by 'alerts.changed' (server-state/; the backend scopes both to
 * the user's machines). Used by the tiles, the plant strip and the alarm banner, which share
 * one list.
 */
export function useActiveAlerts(machineId?: string): ActiveAlerts {
  const client = useQueryClient();
  const { data } = useQuery(activeAlerts.query(machineId ?? null));
  // A shelving runs out by itself, with no change sent: look again twice a minute.
  const now = useNow(30_000);

  const alerts = useMemo(
    () => (data ?? []).filter((alert) => isActiveAlert(alert, now)).sort(byPriorityThenAge),
    [data, now],
  );

  const apply = useCallback((alert: Alert) => activeAlerts.apply(client, [alert]), [client]);
  return { alerts, loaded: data !== undefined, apply };
}
