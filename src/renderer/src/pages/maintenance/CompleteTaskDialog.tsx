import { useState, type FormEvent } from 'react';
import type { MaintenanceTask } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Modal } from '../../components/Modal';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';

interface CompleteTaskDialogProps {
  task: MaintenanceTask;
  onDone: () => void;
  onClose: () => void;
}

/** Completing a service normally restarts the machine's interval; a small repair need not. */
export function CompleteTaskDialog({ task, onDone, onClose }: CompleteTaskDialogProps) {
  const [notes, setNotes] = useState('');
  const [resetsInterval, setResetsInterval] = useState(true);
  const action = useAction();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void action.run(async () => {
      await api.call('maintenance.updateTask', {
        id: task.id,
        action: 'complete',
        notes: notes || undefined,
        resetsInterval,
      });
      onDone();
    });
  };
  return (
    <Modal title={`Complete · ${task.title}`} onClose={onClose}>
      <form onSubmit={submit}>
        <TextField label="What was done" value={notes} onChange={setNotes} maxLength={4000} />
        <label className="check">
          <input
            type="checkbox"
            checked={resetsInterval}
            onChange={(event) => setResetsInterval(event.target.checked)}
          />
          This was the planned service: restart the interval
        </label>
        <ErrorMessage error={action.error} />
        <div className="button-row">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button-primary" disabled={action.disabled}>
            Complete task
          </button>
        </div>
      </form>
    </Modal>
  );
}
