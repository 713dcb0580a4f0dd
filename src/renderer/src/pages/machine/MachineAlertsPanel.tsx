import { useState } from 'react';
import type { Alert, User } from '../../../../shared/contract';
import { useActiveAlerts } from '../../hooks/use-active-alerts';
import { useAction } from '../../hooks/use-action';
import '../../components/alarm-look.css';
import { formatAgo } from '../../lib/format';
import { AcknowledgeDialog } from '../alerts/AcknowledgeDialog';
import { AlertDialogs, type OpenDialog } from '../alerts/AlertDialogs';
import { AlertStateText, PriorityBadge } from '../alerts/AlertBadges';
import { mayAcknowledge, mayManage } from '../alerts/alert-permissions';

interface MachineAlertsPanelProps {
  machineId: string;
  user: User;
  now: number;
}

/** The machine's active alerts, worst first, with what the user may do about them. */
export function MachineAlertsPanel({ machineId, user, now }: MachineAlertsPanelProps) {
  const { alerts, loaded, apply } = useActiveAlerts(machineId);
  const [acknowledging, setAcknowledging] = useState<Alert | null>(null);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const action = useAction();
  const manage = mayManage(user);
  return (
    <section className="panel machine-alerts" aria-labelledby="machine-alerts-title">
      <h2 id="machine-alerts-title">Active alerts</h2>
      {loaded && alerts.length === 0 && (
        <p className="empty-state" data-testid="machine-alerts-empty">
          No active alerts.
        </p>
      )}
      {alerts.length > 0 && (
        <ul className="machine-alert-list" data-testid="machine-alerts">
          {alerts.map((alert) => (
            <li
              key={alert.id}
              className="machine-alert"
              data-testid="machine-alert"
              data-id={alert.id}
            >
              <span className="machine-alert-head">
                <PriorityBadge alert={alert} />
                <AlertStateText alert={alert} />
                <span className="muted">{formatAgo(alert.raisedAt, now)}</span>
              </span>
              <span className="machine-alert-message" title={alert.message}>
                {alert.message}
              </span>
              <span className="row-actions">
                {mayAcknowledge(user, alert) && (
                  <button
                    type="button"
                    disabled={action.blocked}
                    onClick={() => setAcknowledging(alert)}
                  >
                    Acknowledge
                  </button>
                )}
                {manage && (
                  <button
                    type="button"
                    disabled={action.blocked}
                    onClick={() => setDialog({ kind: 'shelve', alert })}
                  >
                    Shelve
                  </button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {acknowledging && (
        <AcknowledgeDialog
          alert={acknowledging}
          onDone={apply}
          onClose={() => setAcknowledging(null)}
        />
      )}
      <AlertDialogs open={dialog} onDone={apply} onClose={() => setDialog(null)} />
    </section>
  );
}
