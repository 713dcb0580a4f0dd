import { QueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { useConnection } from '../state/connection-store';
import { useSession } from '../state/session-store';
import { activeAlerts } from './active-alerts';
import { machineSnapshots } from './machine-snapshots';

/**
 * The renderer's server state: what it loaded from the backend, cached per query (TanStack
 * Query). Nothing goes stale by time: the live feed keeps it current, and a resync marks it
 * all for reloading.
 */
export function createServerState(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: Infinity,
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
    },
  });
}

/**
 * The one place where the live feed updates the cache, and the one place where a resync (or a
 * reconnect: the connection store's `generation`) invalidates it: every query on screen loads
 * again, and actions wait until those loads answered (reloadStarted/reloadSettled). A session
 * that ends empties it. Returns the unsubscriber.
 */
export function connectServerState(client: QueryClient): () => void {
  const stopLive = [
    api.on('alerts.changed', (items) => activeAlerts.apply(client, items)),
    api.on('machines.snapshot', (items) => machineSnapshots.apply(client, items)),
  ];
  const stopResync = useConnection.subscribe((state, previous) => {
    if (state.generation === previous.generation) return;
    const { reloadStarted, reloadSettled } = useConnection.getState();
    reloadStarted();
    void client.invalidateQueries().finally(reloadSettled);
  });
  // What one user loaded is never shown to the next: a session's end empties the cache.
  const stopSession = useSession.subscribe((state, previous) => {
    if (state.token === null || state.user?.id !== previous.user?.id) client.clear();
  });
  return () => {
    for (const stop of stopLive) stop();
    stopResync();
    stopSession();
  };
}
