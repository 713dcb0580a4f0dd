import type { ReactNode } from 'react';
import type { Alert } from '../../../../shared/contract';
import { DataTable } from '../../components/data-table/DataTable';
import type { DataColumn } from '../../components/data-table/columns';
import { alertColumns } from './alert-columns';

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
  const columns: readonly DataColumn<Alert>[] = [
    alertColumns.priority(),
    alertColumns.state(),
    alertColumns.machine('Plant'),
    {
      id: 'line',
      header: 'Line',
      priority: 3,
      cellClassName: 'cell-id',
      title: (alert) => alert.lineId ?? undefined,
      cell: (alert) => alert.lineId ?? '—',
    },
    alertColumns.message((alert) => (
      <>
        {alert.raiseCount > 1 && <span className="muted"> · {alert.raiseCount}×</span>}
        {props.note?.(alert)}
      </>
    )),
    alertColumns.raisedUntil(),
    alertColumns.age(props.now),
    {
      id: 'actions',
      header: 'Actions',
      hideHeader: true,
      pin: true,
      cellClassName: 'alert-actions',
      cell: (alert) => <div className="row-actions">{props.actions(alert)}</div>,
    },
  ];
  // Not sortable: the page's shortcuts move the selection in the given order (worst first).
  return (
    <DataTable
      rows={alerts}
      columns={columns}
      rowKey={(alert) => alert.id}
      caption={props.label}
      scrollClassName="alert-list"
      scrollProps={{
        tabIndex: 0,
        role: 'region',
        'aria-label': `${props.label}. J and K or the arrow keys move the selection.`,
        'data-testid': 'alert-list',
      }}
      rowClass={(alert) => (alert.id === selectedId ? 'alert-row row-selected' : 'alert-row')}
      rowProps={(alert) => ({
        'aria-current': alert.id === selectedId ? 'true' : undefined,
        'data-testid': 'alert-row',
        'data-id': alert.id,
        'data-machine': alert.machineId ?? undefined,
        'data-state': alert.state,
        onClick: () => onSelect(alert.id),
      })}
    />
  );
}
