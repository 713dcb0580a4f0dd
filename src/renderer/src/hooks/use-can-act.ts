import { selectCanAct, useConnection } from '../state/connection-store';
import { useSession } from '../state/session-store';

/**
 * False while the backend is unreachable, or reachable again but the pages are still
 * reloading: an acknowledgement or a command then must not act on what may be stale.
 * Screens without a session (login, setup) are not held back by the live feed.
 */
export function useCanAct(): boolean {
  const hasSession = useSession((state) => state.token !== null);
  const canAct = useConnection(selectCanAct);
  return !hasSession || canAct;
}
