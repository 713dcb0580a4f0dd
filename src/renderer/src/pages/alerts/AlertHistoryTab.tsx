import { whoAt } from '../../lib/who-at';
import { useState, type FormEvent } from 'react';
import {
  AlertPriority,
  AlertSource,
  type Alert,
  type MethodInput,
} from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useLoad } from '../../hooks/use-load';
import { formatDateTime, localInputToIso } from '../../lib/time';
import { DataTable } from '../../components/data-table/DataTable';
import type { DataColumn } from '../../components/data-table/columns';
import { alertColumns } from './alert-columns';
import { PRIORITY_LOOK } from './alert-look';

interface HistoryFilters {
  priority: AlertPriority | '';
  source: AlertSource | '';
  from: string;
  to: string;
}

const EMPTY: HistoryFilters = { priority: '', source: '', from: '', to: '' };
const LIMIT = 200;

const PRIORITY_OPTIONS = [
  { value: '' as const, label: 'Any' },
  ...AlertPriority.options.map((value) => ({ value, label: PRIORITY_LOOK[value].label })),
];
const SOURCE_OPTIONS = [
  { value: '' as const, label: 'Any' },
  ...AlertSource.options.map((value) => ({ value, label: value.replace('_', ' ') })),
];

/** Every alert, newest first, with what happened to it; for shift handover and reviews. */
export function AlertHistoryTab() {
  const [applied, setApplied] = useState<HistoryFilters>(EMPTY);
  const { data, error } = useLoad(
    () => api.call('alerts.list', toQuery(applied)),
    JSON.stringify(applied),
  );
  return (
    <>
      <HistoryFilterForm onApply={setApplied} />
      <ErrorMessage error={error} />
      {data && <HistoryTable alerts={data.alerts} />}
      {data && (
        <p className="muted" role="status">
          {data.alerts.length} {data.alerts.length === 1 ? 'alert' : 'alerts'} shown
          {data.hasMore ? ` (the newest ${LIMIT}; narrow the filters)` : ''}
        </p>
      )}
    </>
  );
}

function toQuery(filters: HistoryFilters): MethodInput<'alerts.list'> {
  return {
    view: 'history',
    limit: LIMIT,
    priority: filters.priority || undefined,
    source: filters.source || undefined,
    from: localInputToIso(filters.from),
    to: localInputToIso(filters.to),
  };
}

function HistoryFilterForm({ onApply }: { onApply: (filters: HistoryFilters) => void }) {
  const [values, setValues] = useState<HistoryFilters>(EMPTY);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onApply(values);
  };
  return (
    <form className="filter-bar" onSubmit={submit} aria-label="History filters">
      <SelectField
        label="Priority"
        value={values.priority}
        options={PRIORITY_OPTIONS}
        onChange={(priority) => setValues((current) => ({ ...current, priority }))}
      />
      <SelectField
        label="Source"
        value={values.source}
        options={SOURCE_OPTIONS}
        onChange={(source) => setValues((current) => ({ ...current, source }))}
      />
      <TextField
        label="From"
        type="datetime-local"
        value={values.from}
        onChange={(from) => setValues((current) => ({ ...current, from }))}
      />
      <TextField
        label="To"
        type="datetime-local"
        value={values.to}
        onChange={(to) => setValues((current) => ({ ...current, to }))}
      />
      <div className="filter-bar-buttons">
        <button type="submit" className="button-primary">
          Apply filters
        </button>
        <button
          type="button"
          onClick={() => {
            setValues(EMPTY);
            onApply(EMPTY);
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}

const HISTORY_COLUMNS: readonly DataColumn<Alert>[] = [
  alertColumns.priority(true),
  alertColumns.state(),
  {
    id: 'source',
    header: 'Source',
    priority: 3,
    cellClassName: 'nowrap',
    cell: (alert) => alert.source.replace('_', ' '),
  },
  {
    id: 'machine',
    header: 'Machine',
    cellClassName: 'cell-id',
    title: (alert) => [alert.machineId, alert.lineId].filter(Boolean).join(' · ') || undefined,
    cell: (alert) => (
      <>
        <span className="id-block">{alert.machineId ?? 'Plant'}</span>
        {alert.lineId && <span className="id-block muted">{alert.lineId}</span>}
      </>
    ),
    sortValue: (alert) => alert.machineId,
  },
  alertColumns.message((alert) =>
    alert.resolveReason ? (
      <p className="alert-note">
        Resolved by {alert.resolvedBy ? whoAt(alert.resolvedBy, alert.resolvedStation) : '—'}:{' '}
        {alert.resolveReason}
      </p>
    ) : null,
  ),
  {
    id: 'raised',
    header: 'Raised',
    cellClassName: 'cell-when',
    cell: (alert) => formatDateTime(alert.raisedAt),
    sortValue: (alert) => alert.raisedAt,
  },
  // Not sortable, so that no header button shares a name with the Acknowledge and Clear buttons.
  {
    id: 'acked',
    header: 'Acknowledged',
    priority: 3,
    cellClassName: 'cell-when',
    cell: (alert) => (
      <>
        {formatDateTime(alert.ackedAt)}
        {alert.ackedBy && (
          <span className="muted" data-testid="acked-by">
            {' '}
            · {whoAt(alert.ackedBy, alert.ackedStation)}
          </span>
        )}
      </>
    ),
  },
  {
    id: 'cleared',
    header: 'Cleared',
    pin: true,
    cellClassName: 'cell-when',
    cell: (alert) => formatDateTime(alert.clearedAt),
  },
];

function HistoryTable({ alerts }: { alerts: readonly Alert[] }) {
  return (
    <DataTable
      rows={alerts}
      columns={HISTORY_COLUMNS}
      rowKey={(alert) => alert.id}
      caption="Alert history, newest first"
      testId="alert-history"
      empty="No alerts match these filters."
    />
  );
}
