import { useState, type FormEvent } from 'react';
import type { Role, User } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SelectField } from '../../components/SelectField';
import { SuccessMessage } from '../../components/SuccessMessage';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';
import { ROLE_OPTIONS } from './account-status';

interface SectionProps {
  account: User;
  onUpdated: (account: User) => void;
}

export function ProfileSection({ account, onUpdated }: SectionProps) {
  const [displayName, setDisplayName] = useState(account.displayName);
  const [role, setRole] = useState<Role>(account.role);
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setDone(null);
    const succeeded = await action.run(async () => {
      onUpdated(await api.call('accounts.update', { id: account.id, displayName, role }));
    });
    if (succeeded) setDone('Name and role saved.');
  };

  return (
    <form
      className="editor-section"
      onSubmit={(event) => void submit(event)}
      aria-labelledby="profile-title"
    >
      <h3 id="profile-title">Name and role</h3>
      <div className="form-columns">
        <TextField label="Display name" value={displayName} onChange={setDisplayName} required />
        <SelectField label="Role" value={role} options={ROLE_OPTIONS} onChange={setRole} />
      </div>
      {role !== account.role && (
        <p className="field-hint">
          Engineers are scoped to lines, operators to machines: check the assignments below after
          changing the role.
        </p>
      )}
      <ErrorMessage error={action.error} />
      <SuccessMessage text={done} />
      <button type="submit" className="button-primary" disabled={action.disabled}>
        Save name and role
      </button>
    </form>
  );
}
