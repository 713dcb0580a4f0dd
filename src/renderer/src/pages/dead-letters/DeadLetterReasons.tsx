import type { DeadLetterReason } from '../../../../shared/contract';
import { formatCount } from '../../lib/format';
import { formatDateTime } from '../../lib/time';
import type { DeadLetterFilter } from './use-dead-letters';

interface DeadLetterReasonsProps {
  reasons: readonly DeadLetterReason[];
  filter: DeadLetterFilter;
  onFilter: (filter: DeadLetterFilter) => void;
}

/** The refusals grouped by reason, most recent first: one click shows only that group. */
export function DeadLetterReasons({ reasons, filter, onFilter }: DeadLetterReasonsProps) {
  if (reasons.length === 0) return null;
  return (
    <section className="panel dead-letter-reasons" aria-labelledby="dead-letter-reasons-title">
      <h2 id="dead-letter-reasons-title">By reason</h2>
      <div className="table-scroll table-scroll-short">
        <table className="data-table" data-testid="dead-letter-reasons">
          <caption className="visually-hidden">Refused messages grouped by reason</caption>
          <thead>
            <tr>
              <th scope="col">Reason</th>
              <th scope="col" className="numeric">
                Messages
              </th>
              <th scope="col" className="numeric col-p2">
                Times
              </th>
              <th scope="col" className="col-p2">
                Last seen
              </th>
              <th scope="col" className="cell-pin">
                <span className="visually-hidden">Filter</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {reasons.map((group) => {
              const current = filter.reason === group.reason;
              return (
                <tr
                  key={`${group.field ?? ''}\u0000${group.reason}`}
                  aria-current={current || undefined}
                >
                  <td className="cell-flex reason">{group.reason}</td>
                  <td className="numeric">{formatCount(group.letters)}</td>
                  <td className="numeric col-p2">{formatCount(group.occurrences)}</td>
                  <td className="cell-when col-p2">{formatDateTime(group.lastSeenAt)}</td>
                  <td className="cell-pin">
                    <button
                      type="button"
                      aria-pressed={current}
                      aria-label={`${current ? 'Show all reasons' : 'Show only'}: ${group.reason}`}
                      onClick={() => onFilter(current ? {} : { reason: group.reason })}
                    >
                      {current ? 'Show all' : 'Show only'}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
