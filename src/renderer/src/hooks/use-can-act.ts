import { selectCanAct, useConnection } from '../state/connection-store';
import { useSession } from '../state/session-store';

/**
 * False while the backend is unreachable, or reachable again but the pages are still
 * reloading: an acknowledgement or a command then must not act on what may be stale.
 * Screens without an open session (login, setup, the lock screen, whose feed the backend
 * refuses until the unlock) are not held back by the live feed.
 */
export function useCanAct(): boolean {
  const openSession = useSession((state) => state.token !== null && !state.locked);
  const canAct = useConnection(selectCanAct);
  return !openSession || canAct;
}
