import type { EventRecord } from '../../../../shared/contract';
import { DataTable } from '../../components/data-table/DataTable';
import type { DataColumn } from '../../components/data-table/columns';
import { formatDateTime } from '../../lib/time';
import './events.css';

/** An id on one line, cut with an ellipsis and whole on hover: never broken ("LINE-/3"). */
function idColumn(
  id: string,
  header: string,
  value: (event: EventRecord) => string | null,
  extra: Partial<DataColumn<EventRecord>> = {},
): DataColumn<EventRecord> {
  return {
    id,
    header,
    cellClassName: 'cell-id',
    cell: (event) => value(event) ?? '—',
    title: (event) => value(event) ?? undefined,
    ...extra,
  };
}

const COLUMNS: readonly DataColumn<EventRecord>[] = [
  {
    id: 'at',
    header: 'Time',
    cellClassName: 'cell-when',
    cell: (event) => formatDateTime(event.at),
    sortValue: (event) => event.at,
  },
  {
    id: 'type',
    header: 'Type',
    cell: (event) => <code className="event-type">{event.type}</code>,
    sortValue: (event) => event.type,
  },
  idColumn('actor', 'Actor', (event) => event.actor, { sortValue: (event) => event.actor }),
  idColumn('target', 'Target', (event) => event.target, { priority: 3 }),
  idColumn('line', 'Line', (event) => event.lineId, { priority: 3 }),
  idColumn('machine', 'Machine', (event) => event.machineId, {
    sortValue: (event) => event.machineId,
  }),
  { id: 'message', header: 'Message', cellClassName: 'cell-flex', cell: (event) => event.message },
];

/** The event log, newest first (the paging loads older pages below; never windowed). */
export function EventTable({ events }: { events: EventRecord[] }) {
  return (
    <DataTable
      rows={events}
      columns={COLUMNS}
      rowKey={(event) => event.id}
      caption="Event log, newest first"
      testId="event-table"
      rowProps={() => ({ 'data-testid': 'event-row' })}
    />
  );
}
