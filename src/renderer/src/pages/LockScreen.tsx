import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { AuthCard } from '../components/AuthCard';
import { ErrorMessage } from '../components/ErrorMessage';
import { TextField } from '../components/TextField';
import { useAction } from '../hooks/use-action';
import { toApiErrorBody } from '../lib/errors';
import { logout } from '../lib/logout';
import { useSession } from '../state/session-store';
import { loginFailureText, unlockFailureText } from './login-messages';

/**
 * Shown after the idle time, on the lock button, or when the backend says the session is
 * locked. Plant data stays hidden until the same user types their password again.
 */
export function LockScreen() {
  const [password, setPassword] = useState('');
  const action = useAction();
  const user = useSession((state) => state.user);
  const unlock = useSession((state) => state.unlock);
  const endSession = useSession((state) => state.endSession);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const succeeded = await action.run(async () => {
      try {
        unlock(await api.call('auth.unlock', { password }));
      } catch (error) {
        const body = toApiErrorBody(error);
        // Too many wrong passwords: the backend locked the account and ended this session.
        if (body.code === 'ACCOUNT_LOCKED') endSession(loginFailureText(body));
        throw error;
      }
    });
    if (!succeeded) setPassword('');
  };

  return (
    <AuthCard title="Screen locked">
      <div data-testid="lock-screen">
        <p className="lead">
          Locked for <strong>{user?.displayName ?? 'the current user'}</strong>
          {user && <span className="muted"> ({user.username})</span>}. Enter your password to
          continue.
        </p>
        <form onSubmit={(event) => void submit(event)}>
          <TextField
            label="Password"
            type="password"
            value={password}
            onChange={setPassword}
            autoComplete="current-password"
            required
            autoFocus
          />
          <ErrorMessage
            error={action.error}
            text={action.error ? unlockFailureText(action.error) : undefined}
          />
          <div className="button-row">
            <button type="submit" className="button-primary" disabled={action.disabled}>
              {action.pending ? 'Unlocking…' : 'Unlock'}
            </button>
            <button type="button" onClick={() => void logout()}>
              Log out
            </button>
          </div>
        </form>
      </div>
    </AuthCard>
  );
}
