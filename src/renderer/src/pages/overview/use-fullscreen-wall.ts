import { useCallback, useEffect } from 'react';
import { useSession } from '../../state/session-store';
import { useWall } from '../../state/wall-store';

/**
 * Enters and leaves wall mode together with the browser's full screen. Esc leaves both: the
 * browser ends full screen on Esc by itself ('fullscreenchange'), and where full screen was
 * refused (a kiosk without permission) Esc still leaves wall mode.
 */
export function useFullscreenWall(): { enter: () => void; leave: () => void } {
  const active = useWall((state) => state.active);
  const setActive = useWall((state) => state.setActive);

  const enter = useCallback((): void => {
    setActive(true);
    // Refused without a user gesture or by policy: wall mode still works inside the window.
    document.documentElement.requestFullscreen?.().catch(() => undefined);
  }, [setActive]);

  const leave = useCallback((): void => {
    setActive(false);
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  }, [setActive]);

  useEffect(() => {
    if (!active) return undefined;
    const onFullscreenChange = (): void => {
      if (!document.fullscreenElement) setActive(false);
    };
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') leave();
    };
    document.addEventListener('fullscreenchange', onFullscreenChange);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('fullscreenchange', onFullscreenChange);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [active, leave, setActive]);

  // Leaving the page (navigation, logout, lock) must not leave the frame without its chrome.
  useEffect(
    () => () => {
      setActive(false);
      // Handed over to a wall display session: that one keeps the screen full.
      if (useSession.getState().displayScreen !== null) return;
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    },
    [setActive],
  );

  return { enter, leave };
}
