import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiErrorBody } from '../../../shared/contract';
import { toApiErrorBody } from '../lib/errors';
import { useConnection } from '../state/connection-store';

export interface Loaded<T> {
  data: T | null;
  error: ApiErrorBody | null;
  /** Loads again (after a live change that a topic does not carry itself). */
  reload: () => void;
}

export interface LoadOptions {
  /**
   * Called as a reload starts: a hook that merges live items over the loaded data drops them
   * here, since the new answer includes them (and anything newer arrives live after it).
   */
  onReload?: () => void;
}

/**
 * Runs `load` on mount, whenever `key` changes, and whenever the live feed says what the page
 * holds may be incomplete (a resync, or a reconnect: the connection store's `generation`), so
 * every open page catches up in this one place. A slower older answer never overwrites a
 * newer one (filters change faster than a busy backend answers).
 */
export function useLoad<T>(
  load: () => Promise<T>,
  key: string,
  options: LoadOptions = {},
): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const generation = useConnection((state) => state.generation);
  const latest = useRef(0);
  const loader = useRef(load);
  const onReload = useRef(options.onReload);
  useEffect(() => {
    loader.current = load;
    onReload.current = options.onReload;
  });

  /** Loads; the promise settles with this load, whether or not its answer is still wanted. */
  const loadNow = useCallback(async (): Promise<void> => {
    const ticket = ++latest.current;
    onReload.current?.();
    try {
      const value = await loader.current();
      if (ticket !== latest.current) return;
      setData(value);
      setError(null);
    } catch (caught) {
      if (ticket === latest.current) setError(toApiErrorBody(caught));
    }
  }, []);
  const reload = useCallback((): void => void loadNow(), [loadNow]);

  useEffect(() => {
    reload();
    // Answers of a previous key or an unmounted page are ignored from here on.
    return () => {
      latest.current += 1;
    };
  }, [key, reload]);

  // A resync or a reconnect: load again, and hold actions back until the answer is in.
  const seenGeneration = useRef(generation);
  useEffect(() => {
    if (generation === seenGeneration.current) return;
    seenGeneration.current = generation;
    const { reloadStarted, reloadSettled } = useConnection.getState();
    reloadStarted();
    let settled = false;
    const settle = (): void => {
      if (settled) return;
      settled = true;
      reloadSettled();
    };
    void loadNow().finally(settle);
    return settle;
  }, [generation, loadNow]);

  return { data, error, reload };
}
