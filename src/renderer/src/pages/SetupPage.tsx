import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { AuthCard } from '../components/AuthCard';
import { ErrorMessage } from '../components/ErrorMessage';
import { TextField } from '../components/TextField';
import { useAction } from '../hooks/use-action';
import { useSession } from '../state/session-store';

const MIN_PASSWORD_LENGTH = 10;

/** First run: nobody can log in until the first admin account exists. */
export function SetupPage({ onDone }: { onDone: () => void }) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [triedSubmit, setTriedSubmit] = useState(false);
  const action = useAction();
  const startSession = useSession((state) => state.startSession);

  const passwordProblem =
    password.length < MIN_PASSWORD_LENGTH
      ? `At least ${MIN_PASSWORD_LENGTH} characters (${password.length} so far)`
      : null;
  const confirmationProblem = confirmation !== password ? 'The two passwords differ' : null;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setTriedSubmit(true);
    if (passwordProblem || confirmationProblem) return;
    await action.run(async () => {
      const session = await api.call('setup.createFirstAdmin', { username, displayName, password });
      startSession(session);
      onDone();
    });
  };

  return (
    <AuthCard title="Set up Linewatch">
      <p className="lead">
        Create the first administrator account. The administrator then creates accounts for
        engineers and operators.
      </p>
      <form onSubmit={(event) => void submit(event)} noValidate data-testid="setup-form">
        <TextField
          label="Username"
          value={username}
          onChange={setUsername}
          autoComplete="username"
          hint="Letters, digits, dot, underscore and dash"
          required
          autoFocus
        />
        <TextField
          label="Display name"
          value={displayName}
          onChange={setDisplayName}
          autoComplete="name"
          required
        />
        <TextField
          label="Password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters`}
          problem={triedSubmit ? passwordProblem : null}
          required
        />
        <TextField
          label="Confirm password"
          type="password"
          value={confirmation}
          onChange={setConfirmation}
          autoComplete="new-password"
          problem={triedSubmit ? confirmationProblem : null}
          required
        />
        <ErrorMessage error={action.error} />
        <button type="submit" className="button-primary button-block" disabled={action.disabled}>
          {action.pending ? 'Creating…' : 'Create administrator'}
        </button>
      </form>
    </AuthCard>
  );
}
