import { useEffect, useRef, useState } from 'react';
import type { DeadLetter } from '../../../../shared/contract';
import { api } from '../../api/client';
import { useIngestStatus } from '../../hooks/use-ingest-status';
import { useLoad } from '../../hooks/use-load';

const PAGE = 100;

/** Narrows the list to one reason group, or to one field; empty: everything in scope. */
export interface DeadLetterFilter {
  reason?: string;
  field?: string;
}

/**
 * Refused messages, newest first, and their groups by reason. There is no dead-letter topic, so
 * both reload when the live ingest counters say the dead-lettered count moved.
 *
 * New letters never move the rows under the engineer's pointer: a reload that brings newer
 * letters is held back and offered as "N new, show them"; the rows shown change only when the
 * engineer asks, changes the filter, or the list was empty.
 */
export function useDeadLetters(filter: DeadLetterFilter) {
  const filterKey = JSON.stringify(filter);
  const first = useLoad(
    () => api.call('deadLetters.list', { limit: PAGE, ...filter }),
    `first-${filterKey}`,
  );
  const reasons = useLoad(() => api.call('deadLetters.reasons', {}), 'reasons');
  const [shown, setShown] = useState<{ key: string; page: typeof first.data } | null>(null);
  // Older pages belong to the first page they followed; a fresh first page starts over, as
  // older pages fetched before it would leave a gap.
  const [older, setOlder] = useState<{ after: unknown; rows: DeadLetter[]; hasMore: boolean }>({
    after: null,
    rows: [],
    hasMore: false,
  });
  const { reload } = first;
  const reloadReasons = reasons.reload;
  const count = useIngestStatus().status?.counters?.deadLettered;
  const lastCount = useRef<number | undefined>(undefined);

  useEffect(() => {
    if (count === undefined) return;
    if (lastCount.current !== undefined && count !== lastCount.current) {
      reload();
      reloadReasons();
    }
    lastCount.current = count;
  }, [count, reload, reloadReasons]);

  const fresh = first.data;
  const current = shown?.key === filterKey ? shown.page : null;
  const newestShown = current?.deadLetters[0]?.id ?? 0;
  const waiting = fresh ? fresh.deadLetters.filter((letter) => letter.id > newestShown).length : 0;
  // Take the fresh page at once when nothing is shown yet for this filter, or nothing is new
  // (a count that moved by a redelivery of a letter already shown updates it in place).
  const takeAtOnce =
    fresh !== null && (current === null || current.deadLetters.length === 0 || waiting === 0);
  // Adjusting state while rendering (React's pattern for state derived from new props/data).
  if (takeAtOnce && (shown?.key !== filterKey || shown.page !== fresh)) {
    setShown({ key: filterKey, page: fresh });
  }

  const page = takeAtOnce ? fresh : current;
  const extended = page !== null && older.after === page;
  const rows = [...(page?.deadLetters ?? []), ...(extended ? older.rows : [])];
  const hasMore = extended ? older.hasMore : (page?.hasMore ?? false);

  const loadOlder = async (): Promise<void> => {
    const oldest = rows.at(-1);
    if (!oldest) return;
    const next = await api.call('deadLetters.list', {
      beforeId: oldest.id,
      limit: PAGE,
      ...filter,
    });
    setOlder((previous) => ({
      after: page,
      rows: [...(previous.after === page ? previous.rows : []), ...next.deadLetters],
      hasMore: next.hasMore,
    }));
  };

  return {
    rows,
    hasMore,
    loaded: page !== null,
    /** Letters newer than the top row, held back until `showNew`. */
    newCount: takeAtOnce ? 0 : waiting,
    showNew: (): void => {
      if (fresh) setShown({ key: filterKey, page: fresh });
    },
    reasons: reasons.data?.reasons ?? [],
    error: first.error ?? reasons.error,
    reload: (): void => {
      reload();
      reloadReasons();
    },
    loadOlder,
  };
}
