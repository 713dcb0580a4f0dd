import type { Caller } from '../auth/auth-service';

/**
 * Who acts, for the store's event texts and records: the user, and the station the call came
 * from ("CR-2", from the X-Linewatch-Station header or the workstation's own name) so that
 * "olga at CR-2" is recorded with every change, command and alert action.
 */
export function actorOf(
  caller: Caller,
  workstation: string | null | undefined,
): { username: string; station: string | null } {
  return { username: caller.user.username, station: workstation ?? null };
}
