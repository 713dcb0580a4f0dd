import { useState, type FormEvent } from 'react';
import type { Plant, User } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SuccessMessage } from '../../components/SuccessMessage';
import { useAction } from '../../hooks/use-action';
import { invalidIdentifiers, parseIdentifierList } from '../../lib/identifiers';
import { assignmentsFor, assignmentText } from './assignments';
import { AssignmentsField } from './AssignmentsField';

interface AssignmentsSectionProps {
  account: User;
  plant: Plant;
  onUpdated: (account: User) => void;
}

export function AssignmentsSection({ account, plant, onUpdated }: AssignmentsSectionProps) {
  const [text, setText] = useState(assignmentText(account));
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();
  if (account.role === 'admin') return null;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setDone(null);
    if (invalidIdentifiers(parseIdentifierList(text)).length > 0) return;
    const succeeded = await action.run(async () => {
      onUpdated(
        await api.call('accounts.setAssignments', {
          id: account.id,
          assignments: assignmentsFor(account.role, text),
        }),
      );
    });
    if (succeeded) setDone('Assignments saved.');
  };

  return (
    <form
      className="editor-section"
      onSubmit={(event) => void submit(event)}
      aria-labelledby="assignments-title"
    >
      <h3 id="assignments-title">Assignments</h3>
      <AssignmentsField role={account.role} value={text} onChange={setText} plant={plant} />
      <ErrorMessage error={action.error} />
      <SuccessMessage text={done} />
      <button type="submit" className="button-primary" disabled={action.disabled}>
        Save assignments
      </button>
    </form>
  );
}
