import { api } from '../api/client';
import { useSession } from '../state/session-store';

/** Revokes the token on the server, then forgets it here even if the server was unreachable. */
export async function logout(): Promise<void> {
  try {
    await api.call('auth.logout', {});
  } catch (error) {
    console.warn('Logout call failed; forgetting the session anyway', error);
  }
  useSession.getState().endSession();
}
