import type { QueryClient } from '@tanstack/react-query';
import { LiveJournal } from './live-journal';

/**
 * A list the backend answers once and the live feed then keeps, in the server-state cache:
 * one cached list per filter (`null`: everything the caller may see). The live items replace
 * the listed ones with the same id, in every cached list they belong to; items that arrive
 * while a list is loading are merged over its answer (LiveJournal), so none is lost.
 */
export interface LiveList<T> {
  /** The query of one list: key and loader, for useQuery. */
  query(filter: string | null): {
    queryKey: readonly unknown[];
    queryFn: () => Promise<T[]>;
  };
  /** Live items (or an action's answer) into every cached list they belong to. */
  apply(client: QueryClient, items: readonly T[]): void;
}

export function liveList<T>(options: {
  /** The cache key's first parts, e.g. ['alerts', 'active']. */
  root: readonly string[];
  load: (filter: string | null) => Promise<readonly T[]>;
  idOf: (item: T) => string | number;
  /** Whether an item belongs in the list of this filter (every item does with null). */
  belongs: (item: T, filter: string) => boolean;
}): LiveList<T> {
  const journal = new LiveJournal<T>();
  const merged = (list: readonly T[], items: readonly T[], filter: string | null): T[] => {
    const byId = new Map<string | number, T>();
    for (const item of list) byId.set(options.idOf(item), item);
    for (const item of items) {
      if (filter === null || options.belongs(item, filter)) byId.set(options.idOf(item), item);
    }
    return [...byId.values()];
  };
  return {
    query: (filter) => ({
      queryKey: [...options.root, filter],
      queryFn: async () => {
        const mark = journal.mark();
        const answer = await options.load(filter);
        return merged(answer, journal.since(mark), filter);
      },
    }),
    apply(client, items) {
      journal.add(items);
      for (const [key, list] of client.getQueriesData<T[]>({ queryKey: options.root })) {
        if (!list) continue;
        const filter = (key[options.root.length] as string | null | undefined) ?? null;
        client.setQueryData<T[]>(key, merged(list, items, filter));
      }
    },
  };
}
