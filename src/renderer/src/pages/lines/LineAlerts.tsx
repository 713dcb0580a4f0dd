import { useMemo, useState } from 'react';
import type { Alert } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useLiveTopic } from '../../hooks/use-live-topic';
import { useLoad } from '../../hooks/use-load';
import { useNow } from '../../hooks/use-now';
import { formatAgo } from '../../lib/format';
import { formatDateTime, formatUntil } from '../../lib/time';
import { AlertStateText, PriorityBadge } from '../alerts/AlertBadges';
import { isActiveAlert } from '../../../../shared/rules/alert-active';
import { byPriorityThenAge } from '../alerts/alert-look';
import { MachineLabel } from '../../components/SimMark';

/** The line's active alerts, kept current by 'alerts.changed'; acting on them is on Alerts. */
export function LineAlerts({ lineId }: { lineId: string }) {
  const initial = useLoad(
    () => api.call('alerts.list', { view: 'active', lineId, limit: 100 }),
    lineId,
    { onReload: () => setChanged(new Map()) },
  );
  const [changed, setChanged] = useState<ReadonlyMap<number, Alert>>(new Map());
  const now = useNow(15_000);
  useLiveTopic('alerts.changed', (items) => {
    const mine = items.filter((alert) => alert.lineId === lineId);
    if (mine.length === 0) return;
    setChanged((current) => {
      const next = new Map(current);
      for (const alert of mine) next.set(alert.id, alert);
      return next;
    });
  });

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
        <div className="table-scroll table-scroll-short">
          <table className="data-table" data-testid="line-alerts">
            <thead>
              <tr>
                <th scope="col">Priority</th>
                <th scope="col">State</th>
                <th scope="col">Machine</th>
                <th scope="col">Message</th>
                <th scope="col" className="col-p3">
                  Raised
                </th>
                <th scope="col">Age</th>
              </tr>
            </thead>
            <tbody>
              {alerts.map((alert) => (
                <tr key={alert.id} data-testid="line-alert-row">
                  <td className="nowrap">
                    <PriorityBadge alert={alert} />
                  </td>
                  <td>
                    <AlertStateText alert={alert} />
                  </td>
                  <td className="cell-id" title={alert.machineId ?? undefined}>
                    {alert.machineId ? <MachineLabel machineId={alert.machineId} /> : '—'}
                  </td>
                  <td className="cell-flex">{alert.message}</td>
                  <td className="nowrap col-p3" title={formatDateTime(alert.raisedAt)}>
                    {formatUntil(alert.raisedAt)}
                  </td>
                  <td className="nowrap">{formatAgo(alert.raisedAt, now)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
