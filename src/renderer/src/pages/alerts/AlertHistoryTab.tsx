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
import { AlertStateText, PriorityBadge } from './AlertBadges';
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

function HistoryTable({ alerts }: { alerts: readonly Alert[] }) {
  if (alerts.length === 0) return <p className="empty-state">No alerts match these filters.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="alert-history">
        <caption className="visually-hidden">Alert history, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Priority</th>
            <th scope="col">State</th>
            <th scope="col" className="col-p3">
              Source
            </th>
            <th scope="col">Machine</th>
            <th scope="col">Message</th>
            <th scope="col">Raised</th>
            <th scope="col" className="col-p3">
              Acknowledged
            </th>
            <th scope="col" className="cell-pin">
              Cleared
            </th>
          </tr>
        </thead>
        <tbody>
          {alerts.map((alert) => (
            <tr key={alert.id}>
              <td className="nowrap">
                <PriorityBadge alert={alert} />
              </td>
              <td>
                <AlertStateText alert={alert} />
              </td>
              <td className="nowrap col-p3">{alert.source.replace('_', ' ')}</td>
              <td
                className="cell-id"
                title={[alert.machineId, alert.lineId].filter(Boolean).join(' · ') || undefined}
              >
                <span className="id-block">{alert.machineId ?? 'Plant'}</span>
                {alert.lineId && <span className="id-block muted">{alert.lineId}</span>}
              </td>
              <td className="cell-flex">
                {alert.message}
                {alert.resolveReason && (
                  <p className="alert-note">
                    Resolved by{' '}
                    {alert.resolvedBy ? whoAt(alert.resolvedBy, alert.resolvedStation) : '—'}:{' '}
                    {alert.resolveReason}
                  </p>
                )}
              </td>
              <td className="cell-when">{formatDateTime(alert.raisedAt)}</td>
              <td className="cell-when col-p3">
                {formatDateTime(alert.ackedAt)}
                {alert.ackedBy && (
                  <span className="muted" data-testid="acked-by">
                    {' '}
                    · {whoAt(alert.ackedBy, alert.ackedStation)}
                  </span>
                )}
              </td>
              <td className="cell-when cell-pin">{formatDateTime(alert.clearedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
