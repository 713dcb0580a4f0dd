import { useMemo } from 'react';
import type { Alert } from '../../../../shared/contract';
import { api } from '../../api/client';
import { useLiveChanges } from '../../hooks/use-live-changes';
import { useLiveTopic } from '../../hooks/use-live-topic';
import { useLoad } from '../../hooks/use-load';
import { useNow } from '../../hooks/use-now';
import { isActiveAlert, isShelvedAlert } from '../../../../shared/rules/alert-active';
import { byPriorityThenAge } from './alert-look';

export interface AlertList {
  alerts: Alert[];
  loaded: boolean;
  error: ReturnType<typeof useLoad>['error'];
  /** Puts an alert an action returned into the list at once, before its live change arrives. */
  apply: (alert: Alert) => void;
  now: number;
}

/**
 * The active or shelved alerts: first from 'alerts.list', then kept current by 'alerts.changed'.
 * Every change is kept and the view's rule re-applied, so an alert moves between tabs by itself.
 */
export function useAlertList(view: 'active' | 'shelved'): AlertList {
  const { changed, merge, onReload } = useLiveChanges((alert: Alert) => alert.id);
  const initial = useLoad(() => api.call('alerts.list', { view, limit: 500 }), view, {
    onReload,
  });
  // A shelving runs out with no change sent: look again every 15 s (also moves the ages on).
  const now = useNow(15_000);

  useLiveTopic('alerts.changed', merge);

  const alerts = useMemo(() => {
    const byId = new Map<number, Alert>();
    for (const alert of initial.data?.alerts ?? []) byId.set(alert.id, alert);
    for (const alert of changed.values()) byId.set(alert.id, alert);
    const keep = view === 'active' ? isActiveAlert : isShelvedAlert;
    return [...byId.values()].filter((alert) => keep(alert, now)).sort(byPriorityThenAge);
  }, [initial.data, changed, now, view]);

  return {
    alerts,
    loaded: initial.data !== null,
    error: initial.error,
    apply: (alert) => merge([alert]),
    now,
  };
}
