import { useState, type FormEvent } from 'react';
import type { Plant, Role, User } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Modal } from '../../components/Modal';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';
import { invalidIdentifiers, parseIdentifierList } from '../../lib/identifiers';
import { ROLE_OPTIONS } from './account-status';
import { assignmentsFor } from './assignments';
import { AssignmentsField } from './AssignmentsField';

const MIN_PASSWORD_LENGTH = 10;

interface CreateAccountDialogProps {
  plant: Plant;
  onCreated: (account: User) => void;
  onClose: () => void;
}

export function CreateAccountDialog({ plant, onCreated, onClose }: CreateAccountDialogProps) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [password, setPassword] = useState('');
  const [assignments, setAssignments] = useState('');
  const [triedSubmit, setTriedSubmit] = useState(false);
  const action = useAction();

  const passwordProblem =
    password.length < MIN_PASSWORD_LENGTH ? `At least ${MIN_PASSWORD_LENGTH} characters` : null;
  const assignmentsInvalid = invalidIdentifiers(parseIdentifierList(assignments)).length > 0;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setTriedSubmit(true);
    if (passwordProblem || assignmentsInvalid) return;
    await action.run(async () => {
      const created = await api.call('accounts.create', {
        username,
        displayName,
        role,
        password,
        assignments: assignmentsFor(role, assignments),
      });
      onCreated(created);
    });
  };

  return (
    <Modal title="New account" onClose={onClose} wide>
      <form onSubmit={(event) => void submit(event)} noValidate data-testid="create-account-form">
        <div className="form-columns">
          <TextField
            label="Username"
            value={username}
            onChange={setUsername}
            autoComplete="off"
            hint="Letters, digits, dot, underscore and dash"
            required
            autoFocus
          />
          <TextField label="Display name" value={displayName} onChange={setDisplayName} required />
          <SelectField label="Role" value={role} options={ROLE_OPTIONS} onChange={setRole} />
          <TextField
            label="First password"
            type="password"
            value={password}
            onChange={setPassword}
            autoComplete="new-password"
            hint="At least 10 characters; tell it to the user in person"
            problem={triedSubmit ? passwordProblem : null}
            required
          />
        </div>
        <AssignmentsField role={role} value={assignments} onChange={setAssignments} plant={plant} />
        <ErrorMessage error={action.error} />
        <div className="button-row">
          <button type="submit" className="button-primary" disabled={action.disabled}>
            Create account
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}
