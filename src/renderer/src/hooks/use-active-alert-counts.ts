import { useMemo, useState } from 'react';
import type { Alert } from '../../../shared/contract';
import { isActiveAlert } from '../../../shared/rules/alert-active';
import { api } from '../api/client';
import { useLiveTopic } from './use-live-topic';
import { useLoad } from './use-load';
import { useNow } from './use-now';

/** Active alerts per machine id, first from 'alerts.list', then kept by 'alerts.changed'. */
export function useActiveAlertCounts(): ReadonlyMap<string, number> {
  const initial = useLoad(() => api.call('alerts.list', { view: 'active', limit: 500 }), 'active', {
    onReload: () => setChanged(new Map()),
  });
  const [changed, setChanged] = useState<ReadonlyMap<number, Alert>>(new Map());
  // A shelving runs out by itself, with no change sent: re-count twice a minute.
  const now = useNow(30_000);

  useLiveTopic('alerts.changed', (items) => {
    setChanged((current) => {
      const next = new Map(current);
      for (const alert of items) next.set(alert.id, alert);
      return next;
    });
  });

  return useMemo(() => {
    const byId = new Map<number, Alert>();
    for (const alert of initial.data?.alerts ?? []) byId.set(alert.id, alert);
    for (const alert of changed.values()) byId.set(alert.id, alert);
    const counts = new Map<string, number>();
    for (const alert of byId.values()) {
      if (alert.machineId === null || !isActiveAlert(alert, now)) continue;
      counts.set(alert.machineId, (counts.get(alert.machineId) ?? 0) + 1);
    }
    return counts;
  }, [initial.data, changed, now]);
}
