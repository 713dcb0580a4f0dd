import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SuccessMessage } from '../../components/SuccessMessage';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';

const MIN_PASSWORD_LENGTH = 10;

export function ChangePasswordForm() {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [triedSubmit, setTriedSubmit] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();

  const newProblem =
    newPassword.length < MIN_PASSWORD_LENGTH ? `At least ${MIN_PASSWORD_LENGTH} characters` : null;
  const confirmationProblem = confirmation !== newPassword ? 'The two passwords differ' : null;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setTriedSubmit(true);
    setDone(null);
    if (newProblem || confirmationProblem) return;
    const succeeded = await action.run(async () => {
      await api.call('auth.changePassword', { currentPassword, newPassword });
    });
    if (succeeded) {
      setCurrentPassword('');
      setNewPassword('');
      setConfirmation('');
      setTriedSubmit(false);
      setDone('Your password has been changed.');
    }
  };

  return (
    <form
      className="panel"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby="change-password-title"
    >
      <h2 id="change-password-title">Change your password</h2>
      <TextField
        label="Current password"
        type="password"
        value={currentPassword}
        onChange={setCurrentPassword}
        autoComplete="current-password"
        required
      />
      <TextField
        label="New password"
        type="password"
        value={newPassword}
        onChange={setNewPassword}
        autoComplete="new-password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters`}
        problem={triedSubmit ? newProblem : null}
        required
      />
      <TextField
        label="Confirm new password"
        type="password"
        value={confirmation}
        onChange={setConfirmation}
        autoComplete="new-password"
        problem={triedSubmit ? confirmationProblem : null}
        required
      />
      <ErrorMessage error={action.error} />
      <SuccessMessage text={done} />
      <button type="submit" className="button-primary" disabled={action.disabled}>
        Change password
      </button>
    </form>
  );
}
