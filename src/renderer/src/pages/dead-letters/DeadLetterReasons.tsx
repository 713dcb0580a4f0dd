import type { DeadLetterReason } from '../../../../shared/contract';
import { DataTable } from '../../components/data-table/DataTable';
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
      <DataTable
        rows={reasons}
        columns={[
          {
            id: 'reason',
            header: 'Reason',
            cellClassName: 'cell-flex reason',
            cell: (group) => group.reason,
          },
          {
            id: 'messages',
            header: 'Messages',
            align: 'end',
            cell: (group) => formatCount(group.letters),
            sortValue: (group) => group.letters,
          },
          {
            id: 'times',
            header: 'Times',
            align: 'end',
            priority: 2,
            cell: (group) => formatCount(group.occurrences),
            sortValue: (group) => group.occurrences,
          },
          {
            id: 'last-seen',
            header: 'Last seen',
            priority: 2,
            cellClassName: 'cell-when',
            cell: (group) => formatDateTime(group.lastSeenAt),
          },
          {
            id: 'filter',
            header: 'Filter',
            hideHeader: true,
            pin: true,
            cell: (group) => {
              const current = filter.reason === group.reason;
              return (
                <button
                  type="button"
                  aria-pressed={current}
                  aria-label={`${current ? 'Show all reasons' : 'Show only'}: ${group.reason}`}
                  onClick={() => onFilter(current ? {} : { reason: group.reason })}
                >
                  {current ? 'Show all' : 'Show only'}
                </button>
              );
            },
          },
        ]}
        rowKey={(group) => `${group.field ?? ''}\u0000${group.reason}`}
        caption="Refused messages grouped by reason"
        testId="dead-letter-reasons"
        scrollClassName="table-scroll-short"
        rowProps={(group) => ({ 'aria-current': filter.reason === group.reason || undefined })}
      />
    </section>
  );
}
