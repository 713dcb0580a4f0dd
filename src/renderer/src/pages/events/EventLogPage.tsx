import { useMemo } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { EventFilterForm } from './EventFilterForm';
import { EventTable } from './EventTable';
import { useEventLog } from './use-event-log';

export function EventLogPage() {
  const log = useEventLog();
  const knownTypes = useMemo(
    () => [...new Set(log.events.map((event) => event.type))].sort(),
    [log.events],
  );
  return (
    <section aria-labelledby="page-title" data-testid="page-events">
      <PageHeader title="Event log" />
      <EventFilterForm
        initial={log.filters}
        knownTypes={knownTypes}
        pending={log.action.pending}
        onApply={(filters) => void log.applyFilters(filters)}
      />
      <ErrorMessage error={log.action.error} />
      {log.loaded && log.events.length === 0 ? (
        <p className="empty-state">No events match these filters.</p>
      ) : (
        <EventTable events={log.events} />
      )}
      <div className="table-footer">
        <span className="muted" role="status">
          {log.loaded ? `${log.events.length} events shown` : 'Loading…'}
        </span>
        {log.hasMore && (
          <button type="button" onClick={() => void log.loadMore()} disabled={log.action.disabled}>
            Load older events
          </button>
        )}
      </div>
    </section>
  );
}
