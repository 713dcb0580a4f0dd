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
            <th scope="col">Target</th>
            <th scope="col">Line</th>
            <th scope="col">Machine</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id} data-testid="event-row">
              <td className="nowrap">{formatDateTime(event.at)}</td>
              <td>
                <code className="event-type">{event.type}</code>
              </td>
              <td>{dash(event.actor)}</td>
              <td>{dash(event.target)}</td>
              <td>{dash(event.lineId)}</td>
              <td>{dash(event.machineId)}</td>
              <td className="wide">{event.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
