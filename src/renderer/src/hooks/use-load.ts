import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiErrorBody } from '../../../shared/contract';
import { toApiErrorBody } from '../lib/errors';

export interface Loaded<T> {
  data: T | null;
  error: ApiErrorBody | null;
  /** Loads again (after a live change that a topic does not carry itself). */
  reload: () => void;
}

/**
 * Runs `load` on mount and whenever `key` changes; a slower older answer never overwrites a
 * newer one (filters change faster than a busy backend answers).
 */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const latest = useRef(0);
  const loader = useRef(load);
  useEffect(() => {
    loader.current = load;
  });

  const reload = useCallback((): void => {
    const ticket = ++latest.current;
    loader
      .current()
      .then((value) => {
        if (ticket !== latest.current) return;
        setData(value);
        setError(null);
      })
      .catch((caught: unknown) => {
        if (ticket === latest.current) setError(toApiErrorBody(caught));
      });
  }, []);

  useEffect(() => {
    reload();
    // Answers of a previous key or an unmounted page are ignored from here on.
    return () => {
      latest.current += 1;
    };
  }, [key, reload]);

  return { data, error, reload };
}
