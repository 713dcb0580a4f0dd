import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useRef } from 'react';
import type { ApiErrorBody } from '../../../shared/contract';
import { toApiErrorBody } from '../lib/errors';

export interface Loaded<T> {
  data: T | null;
  error: ApiErrorBody | null;
  /** Loads again (after a live change that a topic does not carry itself). */
  reload: () => void;
}

export interface LoadOptions {
  /**
   * Called as a load starts; the function it returns (if any) runs when that load's answer is
   * in. A hook that merges live items over the loaded data drops there the ones that arrived
   * before the start (the answer holds them): see useLiveChanges. A load that fails runs
   * nothing, so the live items stay.
   */
  onReload?: () => (() => void) | void;
}

/**
 * One page's read of the backend, kept in the renderer's one server-state cache (TanStack
 * Query, server-state/server-state.ts): loaded on mount and whenever `key` changes, and again
 * on a resync or a reconnect, which invalidates every query in that one place and holds
 * actions back until the answers are in. Each mounted hook has its own entry (the key is
 * scoped by `useId`): two pages' loaders that happen to use the same key never share an
 * answer. While a new key loads, the previous answer stays on screen; an older answer never
 * overwrites a newer one (a reload cancels the load it replaces).
 */
export function useLoad<T>(
  load: () => Promise<T>,
  key: string,
  options: LoadOptions = {},
): Loaded<T> {
  const owner = useId();
  const loader = useRef(load);
  const onReload = useRef(options.onReload);
  useEffect(() => {
    loader.current = load;
    onReload.current = options.onReload;
  });

  const query = useQuery({
    queryKey: ['page-load', owner, key],
    queryFn: async () => {
      const answered = onReload.current?.();
      // TanStack Query refuses undefined as an answer; a call that answers nothing is null.
      const value = ((await loader.current()) ?? null) as T;
      answered?.();
      return value;
    },
    placeholderData: keepPreviousData,
    // The entry belongs to this mounted hook: nothing reads it once the page is gone.
    gcTime: 0,
  });
  const { refetch } = query;
  const reload = useCallback((): void => void refetch(), [refetch]);

  return {
    data: query.data ?? null,
    error: query.error ? toApiErrorBody(query.error) : null,
    reload,
  };
}
