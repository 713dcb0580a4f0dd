import { useMemo } from 'react';
import type { Alert } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useLiveChanges } from '../../hooks/use-live-changes';
import { useLiveTopic } from '../../hooks/use-live-topic';
import { useLoad } from '../../hooks/use-load';
import { useNow } from '../../hooks/use-now';
import { DataTable } from '../../components/data-table/DataTable';
import { alertColumns } from '../alerts/alert-columns';
import { isActiveAlert } from '../../../../shared/rules/alert-active';
import { byPriorityThenAge } from '../alerts/alert-look';

/** The line's active alerts, kept current by 'alerts.changed'; acting on them is on Alerts. */
export function LineAlerts({ lineId }: { lineId: string }) {
  const { changed, merge, onReload } = useLiveChanges((alert: Alert) => alert.id);
  const initial = useLoad(
    () => api.call('alerts.list', { view: 'active', lineId, limit: 100 }),
    lineId,
    { onReload },
  );
  const now = useNow(15_000);
  useLiveTopic('alerts.changed', (items) =>
    merge(items.filter((alert) => alert.lineId === lineId)),
  );

  const alerts = useMemo(() => {
    const byId = new Map<number, Alert>();
    for (const alert of initial.data?.alerts ?? []) byId.set(alert.id, alert);
    for (const alert of changed.values()) if (alert.lineId === lineId) byId.set(alert.id, alert);
    return [...byId.values()].filter((alert) => isActiveAlert(alert, now)).sort(byPriorityThenAge);
  }, [initial.data, changed, lineId, now]);

  return (
    <section className="panel lines-wide" aria-labelledby="line-alerts-title">
      <h2 id="line-alerts-title">Active alerts of line {lineId}</h2>
      <ErrorMessage error={initial.error} />
      {initial.data && alerts.length === 0 && <p className="empty-state">No active alerts.</p>}
      {alerts.length > 0 && (
        <DataTable
          rows={alerts}
          columns={[
            alertColumns.priority(),
            alertColumns.state(),
            alertColumns.machine('—'),
            alertColumns.message(),
            alertColumns.raisedUntil(),
            alertColumns.age(now),
          ]}
          rowKey={(alert) => alert.id}
          testId="line-alerts"
          scrollClassName="table-scroll-short"
          rowProps={() => ({ 'data-testid': 'line-alert-row' })}
        />
      )}
    </section>
  );
}
