const ACTIVITY_EVENTS = ['pointermove', 'pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

let lastActivityAt = Date.now();
let listening = false;

/**
 * When someone last used mouse, touch or keyboard in this window. One listener set for the
 * whole window: the idle lock and the activity heartbeat both read it.
 */
export function lastUserActivity(): number {
  if (!listening) startListening();
  return lastActivityAt;
}

/** Counts as activity now, e.g. right after login or unlock. */
export function markUserActivity(): void {
  lastActivityAt = Date.now();
}

function startListening(): void {
  listening = true;
  for (const name of ACTIVITY_EVENTS) {
    window.addEventListener(name, markUserActivity, { passive: true, capture: true });
  }
}
