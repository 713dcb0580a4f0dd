import type { Permission } from '../contract/roles';

/**
 * A wall display session: started by an admin for one wall screen, it never idle-locks and
 * may only look. The backend's dispatcher refuses everything else to it (acknowledging,
 * commands, edits, reports, the admin's own password), and the renderer shows no such action.
 */

/** The display session's name for its screen: 1-40 letters, digits, space, -_. */
export const DISPLAY_SCREEN_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,39}$/;

/** What the session itself needs: who it is, token renewal, and ending it. */
const OWN_SESSION_METHODS: ReadonlySet<string> = new Set([
  'auth.me',
  'auth.refresh',
  'auth.logout',
]);

/** Whether a display session may call `method` (which needs `permission`). */
export function displaySessionMay(method: string, permission: Permission): boolean {
  return permission === 'plant.view' || OWN_SESSION_METHODS.has(method);
}
