import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

interface Stamped<T> {
  item: T;
  /** The order it arrived in, for telling what came before a reload started. */
  seq: number;
}

export interface LiveChanges<K, T> {
  /** The live items by key, newest arrival per key. */
  changed: ReadonlyMap<K, T>;
  /** Takes live items (or an action's answer) over what is kept. */
  merge: (items: readonly T[]) => void;
  /**
   * For useLoad's onReload: marks the reload's start, and returns what to run when its answer
   * is in: the items that arrived before that start are dropped (the answer holds them), the
   * ones that arrived since are kept. A reload that fails drops nothing, so a page that loses
   * its server mid-reload still shows every live change it was told of.
   */
  onReload: () => () => void;
}

/**
 * Live items a page merges over what it loaded (alerts, commands): one per key, stamped in
 * arrival order. `keep(known, incoming)` may refuse an incoming item (a 'sent' command must not
 * overwrite an answer that overtook it).
 */
export function useLiveChanges<K, T>(
  keyOf: (item: T) => K,
  keep: (known: T | undefined, incoming: T) => boolean = () => true,
): LiveChanges<K, T> {
  const [stamped, setStamped] = useState<ReadonlyMap<K, Stamped<T>>>(new Map());
  const seq = useRef(0);
  const rules = useRef({ keyOf, keep });
  useEffect(() => {
    rules.current = { keyOf, keep };
  });

  const merge = useCallback((items: readonly T[]): void => {
    if (items.length === 0) return;
    // Stamped here, not in the updater: the mark a reload takes must see every item given so far.
    const arrivals = items.map((item) => ({ item, seq: ++seq.current }));
    setStamped((current) => {
      const next = new Map(current);
      for (const arrival of arrivals) {
        const key = rules.current.keyOf(arrival.item);
        if (rules.current.keep(next.get(key)?.item, arrival.item)) next.set(key, arrival);
      }
      return next;
    });
  }, []);

  const onReload = useCallback(() => {
    const mark = seq.current;
    return () =>
      setStamped((current) => new Map([...current].filter(([, entry]) => entry.seq > mark)));
  }, []);

  const changed = useMemo(
    () => new Map([...stamped].map(([key, entry]) => [key, entry.item] as const)),
    [stamped],
  );
  return { changed, merge, onReload };
}
