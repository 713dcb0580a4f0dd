import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Modal } from '../../components/Modal';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';
import { useSession } from '../../state/session-store';
import { DISPLAY_SCREEN_PATTERN } from '../../../../shared/rules/display-session';

/**
 * An admin hands this screen over to a wall display session: view-only, never idle-locked.
 * The admin's own session here ends, so nobody walking up to the wall finds an admin in.
 */
export function DisplaySessionDialog({ onClose }: { onClose: () => void }) {
  const [screen, setScreen] = useState('');
  const [tried, setTried] = useState(false);
  const starting = useAction();
  const problem =
    tried && !DISPLAY_SCREEN_PATTERN.test(screen.trim())
      ? 'Enter 1 to 40 letters, digits, spaces or -_. (starting with a letter or digit).'
      : null;

  const start = (event: FormEvent): void => {
    event.preventDefault();
    setTried(true);
    const name = screen.trim();
    if (!DISPLAY_SCREEN_PATTERN.test(name)) return;
    // Full screen needs this click (a user gesture); refused, the wall still fills the window.
    document.documentElement.requestFullscreen?.().catch(() => undefined);
    void starting.run(async () => {
      useSession.getState().startSession(await api.call('auth.startDisplay', { screen: name }));
    });
  };

  return (
    <Modal title="Start a display session" onClose={onClose}>
      <form onSubmit={start} aria-label="Display session" noValidate>
        <p>
          This screen becomes a wall display: the wall view only, view-only (no acknowledging, no
          commands, no edits) and never locked for inactivity. Your own session on this screen ends.
          To stop it, press End display session and log in again.
        </p>
        <TextField
          label="Screen name"
          value={screen}
          onChange={setScreen}
          hint="Named in the event log, e.g. Hall A wall."
          problem={problem}
          autoFocus
        />
        <ErrorMessage error={starting.error} />
        <div className="button-row">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button-primary" disabled={starting.disabled}>
            Start display session
          </button>
        </div>
      </form>
    </Modal>
  );
}
