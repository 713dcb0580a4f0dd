import type { ReactNode } from 'react';
import type { Alert } from '../../../../shared/contract';
import { formatAgo } from '../../lib/format';
import { formatDateTime, formatUntil } from '../../lib/time';
import { AlertStateText, PriorityBadge } from './AlertBadges';
import { MachineLabel } from '../../components/SimMark';

interface AlertTableProps {
  label: string;
  alerts: readonly Alert[];
  now: number;
  selectedId: number | null;
  onSelect: (id: number) => void;
  /** Shown between the message and the times, e.g. the shelving on the Shelved tab. */
  note?: (alert: Alert) => ReactNode;
  actions: (alert: Alert) => ReactNode;
}

/**
 * Open alerts, one row each. The list takes the keyboard focus as a whole; the page's
 * shortcuts (use-alert-shortcuts) move the selection, so the room can work without a mouse.
 */
export function AlertTable(props: AlertTableProps) {
  const { alerts, selectedId, onSelect } = props;
  return (
    <div
      className="table-scroll alert-list"
      tabIndex={0}
      role="region"
      aria-label={`${props.label}. J and K or the arrow keys move the selection.`}
      data-testid="alert-list"
    >
      <table className="data-table">
        <caption className="visually-hidden">{props.label}</caption>
        <thead>
          <tr>
            <th scope="col">Priority</th>
            <th scope="col">State</th>
            <th scope="col">Machine</th>
            <th scope="col" className="col-p3">
              Line
            </th>
            <th scope="col">Message</th>
            <th scope="col" className="col-p3">
              Raised
            </th>
            <th scope="col">Age</th>
            <th scope="col" className="cell-pin">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {alerts.map((alert) => (
            <tr
              key={alert.id}
              className={alert.id === selectedId ? 'alert-row row-selected' : 'alert-row'}
              aria-current={alert.id === selectedId ? 'true' : undefined}
              data-testid="alert-row"
              data-id={alert.id}
              data-machine={alert.machineId ?? undefined}
              data-state={alert.state}
              onClick={() => onSelect(alert.id)}
            >
              <td className="nowrap">
                <PriorityBadge alert={alert} />
              </td>
              <td>
                <AlertStateText alert={alert} />
              </td>
              <td className="cell-id" title={alert.machineId ?? undefined}>
                {alert.machineId ? <MachineLabel machineId={alert.machineId} /> : 'Plant'}
              </td>
              <td className="cell-id col-p3" title={alert.lineId ?? undefined}>
                {alert.lineId ?? '—'}
              </td>
              <td className="cell-flex">
                {alert.message}
                {alert.raiseCount > 1 && <span className="muted"> · {alert.raiseCount}×</span>}
                {props.note?.(alert)}
              </td>
              <td className="nowrap col-p3" title={formatDateTime(alert.raisedAt)}>
                {formatUntil(alert.raisedAt)}
              </td>
              <td className="nowrap">{formatAgo(alert.raisedAt, props.now)}</td>
              <td className="alert-actions cell-pin">
                <div className="row-actions">{props.actions(alert)}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
