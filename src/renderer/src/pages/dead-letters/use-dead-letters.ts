import { useEffect, useRef, useState } from 'react';
import type { DeadLetter } from '../../../../shared/contract';
import { api } from '../../api/client';
import { useIngestStatus } from '../../hooks/use-ingest-status';
import { useLoad } from '../../hooks/use-load';

const PAGE = 100;

/**
 * Refused messages, newest first. There is no dead-letter topic, so the list reloads when the
 * live ingest counters say the dead-lettered count moved.
 */
export function useDeadLetters() {
  const first = useLoad(() => api.call('deadLetters.list', { limit: PAGE }), 'first');
  // Older pages belong to the first page they followed; a fresh first page starts over, as
  // older pages fetched before it would leave a gap.
  const [older, setOlder] = useState<{ after: unknown; rows: DeadLetter[]; hasMore: boolean }>({
    after: null,
    rows: [],
    hasMore: false,
  });
  const { reload } = first;
  const count = useIngestStatus().status?.counters?.deadLettered;
  const lastCount = useRef<number | undefined>(undefined);

  useEffect(() => {
    if (count === undefined) return;
    if (lastCount.current !== undefined && count !== lastCount.current) reload();
    lastCount.current = count;
  }, [count, reload]);

  const extended = first.data !== null && older.after === first.data;
  const rows = [...(first.data?.deadLetters ?? []), ...(extended ? older.rows : [])];
  const hasMore = extended ? older.hasMore : (first.data?.hasMore ?? false);

  const loadOlder = async (): Promise<void> => {
    const oldest = rows.at(-1);
    if (!oldest) return;
    const page = await api.call('deadLetters.list', { beforeId: oldest.id, limit: PAGE });
    const base = first.data;
    setOlder((current) => ({
      after: base,
      rows: [...(current.after === base ? current.rows : []), ...page.deadLetters],
      hasMore: page.hasMore,
    }));
  };

  return { rows, hasMore, loaded: first.data !== null, error: first.error, reload, loadOlder };
}
