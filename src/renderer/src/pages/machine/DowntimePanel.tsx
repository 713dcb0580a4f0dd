import type { MethodOutput } from '../../../../shared/contract';
import { api } from '../../api/client';
import { DataTable } from '../../components/data-table/DataTable';
import type { DataColumn } from '../../components/data-table/columns';
import { ErrorMessage } from '../../components/ErrorMessage';
import { StateBadge } from '../../components/StateBadge';
import { useLoad } from '../../hooks/use-load';
import { formatDuration } from '../../lib/format';
import { formatUntil } from '../../lib/time';

const DAY_MS = 24 * 60 * 60_000;

type Downtime = MethodOutput<'downtime.list'>[number];

const COLUMNS: readonly DataColumn<Downtime>[] = [
  { id: 'state', header: 'State', cell: (e) => <StateBadge state={e.state} /> },
  { id: 'reason', header: 'Reason', cellClassName: 'cell-flex', cell: (e) => e.reason ?? '—' },
  { id: 'from', header: 'From', cellClassName: 'cell-when', cell: (e) => formatUntil(e.start) },
  {
    id: 'to',
    header: 'To',
    cellClassName: 'cell-when',
    cell: (e) => (e.end ? formatUntil(e.end) : 'ongoing'),
  },
  {
    id: 'duration',
    header: 'Duration',
    cellClassName: 'numeric nowrap',
    cell: (e) => formatDuration(e.durationS),
  },
];

interface DowntimePanelProps {
  machineId: string;
  /** Changes whenever the machine changes state, so a new downtime shows at once. */
  refreshKey: string;
}

/** Periods down, in maintenance or offline during the last 24 hours, newest first. */
export function DowntimePanel({ machineId, refreshKey }: DowntimePanelProps) {
  const { data, error } = useLoad(() => {
    const now = Date.now();
    return api.call('downtime.list', {
      machineId,
      from: new Date(now - DAY_MS).toISOString(),
      to: new Date(now).toISOString(),
    });
  }, `${machineId}|${refreshKey}`);
  const events = [...(data ?? [])].filter((event) => event.machineId === machineId).reverse();
  const totalS = events.reduce((sum, event) => sum + event.durationS, 0);
  return (
    <section className="panel" aria-labelledby="downtime-title">
      <h2 id="downtime-title">Downtime, last 24 h</h2>
      <ErrorMessage error={error} />
      {data && (
        <p className="big-figure-line">
          <span className="big-figure" data-testid="downtime-total">
            {formatDuration(totalS)}
          </span>{' '}
          <span className="muted">
            in {events.length} {events.length === 1 ? 'period' : 'periods'}
          </span>
        </p>
      )}
      {data && events.length > 0 && (
        <DataTable
          rows={events}
          columns={COLUMNS}
          rowKey={(event) => `${event.start}-${event.state}`}
          testId="downtime-table"
          compact
          scrollClassName="table-scroll-short"
        />
      )}
    </section>
  );
}
