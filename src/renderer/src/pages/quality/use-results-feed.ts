import { useMemo, useState } from 'react';
import type { MethodOutput, TestResult } from '../../../../shared/contract';
import { api } from '../../api/client';
import { useLiveTopic } from '../../hooks/use-live-topic';
import { useLoad } from '../../hooks/use-load';
import {
  EMPTY_RESULT_FILTERS,
  matchesResultFilters,
  toResultQuery,
  type ResultFilterValues,
} from './result-filters';

/** At most this many rows stay in memory; older ones fall off the end as new ones arrive. */
export const MAX_ROWS = 2000;
const PAGE = 1000;

type ResultPage = MethodOutput<'results.list'>;

/** Live rows and older pages, tied to the first page they extend. */
interface Extension {
  base: ResultPage | null;
  live: TestResult[];
  older: TestResult[];
  /** Null until an older page was loaded: the first page's hasMore holds till then. */
  olderHasMore: boolean | null;
}

const NONE: Extension = { base: null, live: [], older: [], olderHasMore: null };

/** Live results newest first: first page per filter set, an older page on demand, live on top. */
export function useResultsFeed() {
  const [filters, setFilters] = useState<ResultFilterValues>(EMPTY_RESULT_FILTERS);
  // The backend filters; the key makes a changed filter set load afresh (latest answer wins).
  const first = useLoad(
    () => api.call('results.list', toResultQuery(filters, PAGE)),
    JSON.stringify(filters),
  );
  const [extension, setExtension] = useState<Extension>(NONE);
  const base = first.data;

  useLiveTopic('results.appended', (items) => {
    const fitting = items.filter((result) => matchesResultFilters(result, filters));
    if (fitting.length === 0 || !base) return;
    fitting.sort((a, b) => b.id - a.id);
    setExtension((current) =>
      current.base === base
        ? { ...current, live: [...fitting, ...current.live].slice(0, MAX_ROWS) }
        : { ...NONE, base, live: fitting.slice(0, MAX_ROWS) },
    );
  });

  const rows = useMemo(() => {
    if (!base) return [];
    const own = extension.base === base ? extension : NONE;
    // A live result may also be in a first page that was loaded after it arrived.
    const newest = base.results[0]?.id ?? 0;
    const live = own.live.filter((result) => result.id > newest);
    return [...live, ...base.results, ...own.older].slice(0, MAX_ROWS);
  }, [base, extension]);

  const own = extension.base === base ? extension.olderHasMore : null;
  const hasMore = own ?? base?.hasMore ?? false;

  const loadOlder = async (): Promise<void> => {
    const oldest = rows.at(-1);
    if (!oldest || !base || rows.length >= MAX_ROWS) return;
    const page = await api.call('results.list', toResultQuery(filters, PAGE, oldest.id));
    setExtension((current) => {
      const own = current.base === base ? current : { ...NONE, base };
      return { ...own, older: [...own.older, ...page.results], olderHasMore: page.hasMore };
    });
  };

  return {
    filters,
    setFilters,
    rows,
    hasMore,
    loaded: base !== null,
    error: first.error,
    loadOlder,
  };
}
