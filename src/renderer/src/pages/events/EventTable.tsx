import type { EventRecord } from '../../../../shared/contract';
import { formatDateTime } from '../../lib/time';

const dash = (value: string | null): string => value ?? '—';

export function EventTable({ events }: { events: EventRecord[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="event-table">
        <caption className="visually-hidden">Event log, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Type</th>
            <th scope="col">Actor</th>
            <th scope="col" className="col-p3">
              Target
            </th>
            <th scope="col" className="col-p3">
              Line
            </th>
            <th scope="col">Machine</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id} data-testid="event-row">
              <td className="cell-when">{formatDateTime(event.at)}</td>
              <td>
                <code className="event-type">{event.type}</code>
              </td>
              <IdCell value={event.actor} />
              <IdCell value={event.target} className="col-p3" />
              <IdCell value={event.lineId} className="col-p3" />
              <IdCell value={event.machineId} />
              <td className="cell-flex">{event.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** An id on one line, cut with an ellipsis and whole on hover: never broken ("LINE-/3"). */
function IdCell({ value, className }: { value: string | null; className?: string }) {
  return (
    <td className={className ? `cell-id ${className}` : 'cell-id'} title={value ?? undefined}>
      {dash(value)}
    </td>
  );
}
