import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { AuthCard } from '../components/AuthCard';
import { ErrorMessage } from '../components/ErrorMessage';
import { TextField } from '../components/TextField';
import { useAction } from '../hooks/use-action';
import { useSession } from '../state/session-store';
import { loginFailureText } from './login-messages';

export function LoginPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction();
  const startSession = useSession((state) => state.startSession);
  const notice = useSession((state) => state.notice);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const succeeded = await action.run(async () => {
      startSession(await api.call('auth.login', { username, password }));
    });
    if (!succeeded) setPassword('');
  };

  return (
    <AuthCard title="Log in">
      {notice && !action.error && (
        <p className="message message-info" role="status">
          {notice}
        </p>
      )}
      <form onSubmit={(event) => void submit(event)} data-testid="login-form">
        <TextField
          label="Username"
          value={username}
          onChange={setUsername}
          autoComplete="username"
          required
          autoFocus
        />
        <TextField
          label="Password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          required
        />
        <ErrorMessage
          error={action.error}
          text={action.error ? loginFailureText(action.error) : undefined}
        />
        <button type="submit" className="button-primary button-block" disabled={action.disabled}>
          {action.pending ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </AuthCard>
  );
}
