import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventRecord } from '../../../../shared/contract';
import { api } from '../../api/client';
import { useAction } from '../../hooks/use-action';
import { useLiveTopic } from '../../hooks/use-live-topic';
import { useConnection } from '../../state/connection-store';
import {
  EMPTY_FILTERS,
  matchesFilters,
  toEventQuery,
  type EventFilterValues,
} from './event-filters';

/** Newest first, without duplicates (a live event may also arrive in a page). */
function mergeNewestFirst(current: EventRecord[], incoming: EventRecord[]): EventRecord[] {
  const byId = new Map<number, EventRecord>();
  for (const event of [...incoming, ...current]) byId.set(event.id, event);
  return [...byId.values()].sort((a, b) => b.id - a.id);
}

/** The event log's rows: first page for the filters, older pages on demand, live prepends. */
export function useEventLog() {
  const [filters, setFilters] = useState<EventFilterValues>(EMPTY_FILTERS);
  const [events, setEvents] = useState<EventRecord[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const action = useAction();
  const { run } = action;

  const fetchFirstPage = useCallback(
    async (next: EventFilterValues): Promise<void> => {
      await run(async () => {
        const page = await api.call('events.list', toEventQuery(next));
        setEvents(page.events);
        setHasMore(page.hasMore);
        setLoaded(true);
      });
    },
    [run],
  );

  const applyFilters = async (next: EventFilterValues): Promise<void> => {
    setFilters(next);
    await fetchFirstPage(next);
  };

  const loadMore = async (): Promise<void> => {
    const oldest = events.at(-1);
    if (!oldest) return;
    await run(async () => {
      const page = await api.call('events.list', toEventQuery(filters, oldest.id));
      setEvents((current) => mergeNewestFirst(current, page.events));
      setHasMore(page.hasMore);
    });
  };

  useEffect(() => {
    void fetchFirstPage(EMPTY_FILTERS);
  }, [fetchFirstPage]);

  // A resync or a reconnect: the first page again, as on opening (events missed meanwhile may
  // be anywhere in it). Not through `run`: actions wait for this reload, it must not wait.
  const generation = useConnection((state) => state.generation);
  const seenGeneration = useRef(generation);
  useEffect(() => {
    if (seenGeneration.current === generation) return;
    seenGeneration.current = generation;
    const { reloadStarted, reloadSettled } = useConnection.getState();
    reloadStarted();
    api
      .call('events.list', toEventQuery(filters))
      .then((page) => {
        setEvents(page.events);
        setHasMore(page.hasMore);
      })
      .catch(() => undefined)
      .finally(reloadSettled);
  }, [generation, filters]);

  useLiveTopic('events.appended', (items) => {
    const fitting = items.filter((event) => matchesFilters(event, filters));
    if (fitting.length > 0) setEvents((current) => mergeNewestFirst(current, fitting));
  });

  return { filters, events, hasMore, loaded, action, applyFilters, loadMore };
}
