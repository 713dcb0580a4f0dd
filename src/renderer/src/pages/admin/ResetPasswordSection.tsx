import { useState, type FormEvent } from 'react';
import type { User } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SuccessMessage } from '../../components/SuccessMessage';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';

const MIN_PASSWORD_LENGTH = 10;

export function ResetPasswordSection({ account }: { account: User }) {
  const [newPassword, setNewPassword] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [triedSubmit, setTriedSubmit] = useState(false);
  const action = useAction();
  const problem =
    newPassword.length < MIN_PASSWORD_LENGTH ? `At least ${MIN_PASSWORD_LENGTH} characters` : null;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setTriedSubmit(true);
    setDone(null);
    if (problem) return;
    const succeeded = await action.run(async () => {
      await api.call('accounts.resetPassword', { id: account.id, newPassword });
    });
    if (succeeded) {
      setNewPassword('');
      setTriedSubmit(false);
      setDone(`New password set for ${account.username}.`);
    }
  };

  return (
    <form
      className="editor-section"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby="reset-password-title"
    >
      <h3 id="reset-password-title">Reset password</h3>
      <TextField
        label="New password"
        type="password"
        value={newPassword}
        onChange={setNewPassword}
        autoComplete="new-password"
        hint="At least 10 characters; tell it to the user in person"
        problem={triedSubmit ? problem : null}
      />
      <ErrorMessage error={action.error} />
      <SuccessMessage text={done} />
      <button type="submit" className="button-primary" disabled={action.disabled}>
        Set new password
      </button>
    </form>
  );
}
