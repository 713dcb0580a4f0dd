import { useEffect } from 'react';
import { api } from '../api/client';
import { lastUserActivity } from '../lib/activity';
import { useSession } from '../state/session-store';

const REFRESH_EVERY_MS = 5 * 60_000;
const HEARTBEAT_EVERY_MS = 60_000;

/**
 * Keeps the session alive while it is unlocked:
 * - renews the short-lived token every five minutes ('auth.refresh' does not count as
 *   activity on the backend, so an unattended screen still locks there too);
 * - once a minute, if someone used mouse or keyboard since the last beat, calls 'auth.me'.
 *   That call counts as activity, so the backend's idle lock follows real use even on pages
 *   that make no calls, and it picks up changes an admin made (role, idle lock time).
 */
export function useSessionUpkeep(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    let lastBeat = Date.now();
    const refreshTimer = setInterval(() => void renewToken(), REFRESH_EVERY_MS);
    const heartbeatTimer = setInterval(() => {
      if (lastUserActivity() <= lastBeat) return;
      lastBeat = Date.now();
      void reportActivity();
    }, HEARTBEAT_EVERY_MS);
    return () => {
      clearInterval(refreshTimer);
      clearInterval(heartbeatTimer);
    };
  }, [active]);
}

// Failures below: session problems are handled by the client's onSessionProblem; a network
// blip is retried at the next tick, well before the token expires.

async function renewToken(): Promise<void> {
  try {
    useSession.getState().renewToken(await api.call('auth.refresh', {}));
  } catch (error) {
    console.warn('Token refresh failed', error);
  }
}

async function reportActivity(): Promise<void> {
  try {
    const me = await api.call('auth.me', {});
    useSession.getState().updateProfile(me.user, me.idleLockMinutes);
  } catch (error) {
    console.warn('Activity heartbeat failed', error);
  }
}
