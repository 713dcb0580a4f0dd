import type { ReactNode } from 'react';
import type { Alert } from '../../../../shared/contract';
import type { DataColumn } from '../../components/data-table/columns';
import { MachineLabel } from '../../components/SimMark';
import { PRIORITIES } from '../../lib/alarm-priority';
import { formatAgo } from '../../lib/format';
import { formatDateTime, formatUntil } from '../../lib/time';
import { AlertStateText, PriorityBadge } from './AlertBadges';

/** The columns the alert tables share (Alerts, its history, a line's alerts). */
export const alertColumns = {
  priority: (sortable = false): DataColumn<Alert> => ({
    id: 'priority',
    header: 'Priority',
    cellClassName: 'nowrap',
    cell: (alert) => <PriorityBadge alert={alert} />,
    // Critical first when ascending: the order of importance, not of the words.
    sortValue: sortable ? (alert) => PRIORITIES.indexOf(alert.priority) : undefined,
  }),
  state: (): DataColumn<Alert> => ({
    id: 'state',
    header: 'State',
    cell: (alert) => <AlertStateText alert={alert} />,
  }),
  machine: (noMachine: string): DataColumn<Alert> => ({
    id: 'machine',
    header: 'Machine',
    cellClassName: 'cell-id',
    title: (alert) => alert.machineId ?? undefined,
    cell: (alert) => (alert.machineId ? <MachineLabel machineId={alert.machineId} /> : noMachine),
  }),
  message: (extra?: (alert: Alert) => ReactNode): DataColumn<Alert> => ({
    id: 'message',
    header: 'Message',
    cellClassName: 'cell-flex',
    cell: (alert) => (
      <>
        {alert.message}
        {extra?.(alert)}
      </>
    ),
  }),
  /** When it was raised, as "until" text with the full time on hover. */
  raisedUntil: (): DataColumn<Alert> => ({
    id: 'raised',
    header: 'Raised',
    priority: 3,
    cellClassName: 'nowrap',
    title: (alert) => formatDateTime(alert.raisedAt),
    cell: (alert) => formatUntil(alert.raisedAt),
  }),
  age: (now: number): DataColumn<Alert> => ({
    id: 'age',
    header: 'Age',
    cellClassName: 'nowrap',
    cell: (alert) => formatAgo(alert.raisedAt, now),
  }),
};
