import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { StateBadge } from '../../components/StateBadge';
import { useLoad } from '../../hooks/use-load';
import { formatDuration } from '../../lib/format';
import { formatUntil } from '../../lib/time';

const DAY_MS = 24 * 60 * 60_000;

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
        <div className="table-scroll table-scroll-short">
          <table className="data-table compact" data-testid="downtime-table">
            <thead>
              <tr>
                <th scope="col">State</th>
                <th scope="col">Reason</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">Duration</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={`${event.start}-${event.state}`}>
                  <td>
                    <StateBadge state={event.state} />
                  </td>
                  <td className="cell-flex">{event.reason ?? '—'}</td>
                  <td className="cell-when">{formatUntil(event.start)}</td>
                  <td className="cell-when">{event.end ? formatUntil(event.end) : 'ongoing'}</td>
                  <td className="numeric nowrap">{formatDuration(event.durationS)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
