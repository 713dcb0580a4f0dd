import { create } from 'zustand';
import type { LiveStatusEvent } from '../../../shared/api-client';
import { api } from '../api/client';
import { useSession } from './session-store';

/**
 * Whether what the screen shows is live. The live feed is the app's line to the backend: when
 * it drops, the data on screen is from the moment it dropped (the banner says so, clocks stop,
 * values grey, actions wait). When it comes back, or the backend says resync, every page
 * loads its data again: `generation` is what the server-state cache follows
 * (server-state/server-state.ts invalidates every query on screen when it moves).
 */
interface ConnectionState {
  /** 'lost' from the moment the feed dropped until it is open again. */
  status: 'live' | 'lost';
  /** When the feed dropped (wall clock, ms), for the banner and the stopped clocks. */
  lostAt: number | null;
  /** Bumped by a resync or a reconnect: every query on screen loads again. */
  generation: number;
  /** A reload was asked for and the pages have not all started theirs yet. */
  resyncing: boolean;
  /** Page loads of the current generation still on their way. */
  reloadsInFlight: number;
  reloadStarted: () => void;
  reloadSettled: () => void;
  /** The pages started their reloads (called after they rendered the new generation). */
  resyncStarted: () => void;
  /** The feed's own events; exported for tests of the store. */
  follow: (event: LiveStatusEvent) => void;
  reset: () => void;
}

const initial = {
  status: 'live' as const,
  lostAt: null,
  generation: 0,
  resyncing: false,
  reloadsInFlight: 0,
};

export const useConnection = create<ConnectionState>()((set, get) => ({
  ...initial,
  reloadStarted: () => set((state) => ({ reloadsInFlight: state.reloadsInFlight + 1 })),
  reloadSettled: () =>
    set((state) => ({ reloadsInFlight: Math.max(0, state.reloadsInFlight - 1) })),
  resyncStarted: () => set({ resyncing: false }),
  follow: (event) => {
    switch (event.kind) {
      case 'lost':
        if (get().status !== 'lost') set({ status: 'lost', lostAt: Date.now() });
        return;
      case 'connected':
        // Back after a loss: what happened meanwhile may be missing from any page.
        if (get().status === 'lost') {
          set((state) => ({
            status: 'live',
            lostAt: null,
            generation: state.generation + 1,
            resyncing: true,
          }));
        }
        return;
      case 'resync':
        set((state) => ({ generation: state.generation + 1, resyncing: true }));
        return;
      case 'refused':
        return;
    }
  },
  reset: () => set(initial),
}));

api.onLiveStatus((event) => useConnection.getState().follow(event));
// A new session starts live; a lost feed of the last one says nothing about it.
useSession.subscribe((state, previous) => {
  if (state.token === null && previous.token !== null) useConnection.getState().reset();
});

/** Commands, acknowledgements and edits wait until the data is live and reloaded. */
export function selectCanAct(state: ConnectionState): boolean {
  return state.status === 'live' && !state.resyncing && state.reloadsInFlight === 0;
}

/** The wall clock, or the moment the connection was lost while it is. */
export function frozenNow(state: Pick<ConnectionState, 'status' | 'lostAt'>): number | null {
  return state.status === 'lost' ? state.lostAt : null;
}
