import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { Session, TokenRenewal, User } from '../../../shared/contract';
import { api } from '../api/client';

interface SessionState {
  token: string | null;
  user: User | null;
  idleLockMinutes: number;
  /** A wall display session's screen: view-only, never idle-locked; null at a desk. */
  displayScreen: string | null;
  /** The lock screen is up: idle too long, the lock button, or the backend said SESSION_LOCKED. */
  locked: boolean;
  /** A message for the login screen, e.g. why the session ended. */
  notice: string | null;
  startSession: (session: Session) => void;
  renewToken: (renewal: TokenRenewal) => void;
  updateProfile: (user: User, idleLockMinutes: number) => void;
  setIdleLockMinutes: (minutes: number) => void;
  lock: () => void;
  unlock: (renewal: TokenRenewal) => void;
  endSession: (notice?: string) => void;
}

const DEFAULT_IDLE_LOCK_MINUTES = 15;

/**
 * Who is logged in. Kept in sessionStorage so a reload (F5 in the control room) keeps the
 * operator in, while closing the window ends it; the token is short-lived and refreshed.
 */
export const useSession = create<SessionState>()(
  persist(
    (set) => ({
      token: null,
      user: null,
      idleLockMinutes: DEFAULT_IDLE_LOCK_MINUTES,
      displayScreen: null,
      locked: false,
      notice: null,
      startSession: (session) =>
        set({
          token: session.token,
          user: session.user,
          idleLockMinutes: session.idleLockMinutes,
          displayScreen: session.displayScreen ?? null,
          locked: false,
          notice: null,
        }),
      renewToken: (renewal) => set({ token: renewal.token }),
      updateProfile: (user, idleLockMinutes) => set({ user, idleLockMinutes }),
      setIdleLockMinutes: (idleLockMinutes) => set({ idleLockMinutes }),
      lock: () => set({ locked: true }),
      unlock: (renewal) => set({ token: renewal.token, locked: false }),
      endSession: (notice) =>
        set({
          token: null,
          user: null,
          displayScreen: null,
          locked: false,
          notice: notice ?? null,
        }),
    }),
    {
      name: 'linewatch.session',
      storage: createJSONStorage(() => sessionStorage),
      partialize: ({ token, user, idleLockMinutes, displayScreen, locked }) => ({
        token,
        user,
        idleLockMinutes,
        displayScreen,
        locked,
      }),
    },
  ),
);

// The API client follows the store's token, so every call and the live feed use the latest one.
api.setToken(useSession.getState().token, useSession.getState().user?.role ?? null);
useSession.subscribe((state, previous) => {
  if (state.token !== previous.token || state.user?.role !== previous.user?.role) {
    api.setToken(state.token, state.user?.role ?? null);
  }
});

api.onSessionProblem = (code) => {
  const session = useSession.getState();
  if (!session.token) return;
  if (code === 'SESSION_LOCKED') session.lock();
  // The token expired, was revoked, or the account was disabled: only a new login helps.
  // (A wrong password at the lock screen is INVALID_INPUT, so it does not end up here.)
  else session.endSession('Your session has ended. Please log in again.');
};
