import { useEffect } from 'react';
import { lastUserActivity, markUserActivity } from '../lib/activity';

const CHECK_EVERY_MS = 5_000;

/**
 * Calls `onIdle` once nobody has touched mouse or keyboard for `minutes`. The backend locks
 * idle sessions too; this makes the screen follow without waiting for the next refused call.
 */
export function useIdleLock(minutes: number, active: boolean, onIdle: () => void): void {
  useEffect(() => {
    if (!active || minutes <= 0) return;
    // The idle time starts when the lock is armed (login, unlock), not at some older input.
    markUserActivity();
    const timer = setInterval(() => {
      if (Date.now() - lastUserActivity() >= minutes * 60_000) onIdle();
    }, CHECK_EVERY_MS);
    return () => clearInterval(timer);
  }, [minutes, active, onIdle]);
}
