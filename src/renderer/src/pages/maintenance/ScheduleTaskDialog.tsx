import { useState, type FormEvent } from 'react';
import type { MaintenanceStatus } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Modal } from '../../components/Modal';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';
import { localInputToIso } from '../../lib/time';

interface ScheduleTaskDialogProps {
  machine: MaintenanceStatus;
  onDone: () => void;
  onClose: () => void;
}

export function ScheduleTaskDialog({ machine, onDone, onClose }: ScheduleTaskDialogProps) {
  const [title, setTitle] = useState('');
  const [notes, setNotes] = useState('');
  const [dueAt, setDueAt] = useState('');
  const action = useAction();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void action.run(async () => {
      await api.call('maintenance.scheduleTask', {
        machineId: machine.machineId,
        title,
        notes: notes || undefined,
        dueAt: localInputToIso(dueAt),
      });
      onDone();
    });
  };
  return (
    <Modal title={`Schedule task · ${machine.machineId}`} onClose={onClose}>
      <form onSubmit={submit}>
        <TextField label="Task" value={title} onChange={setTitle} required maxLength={200} />
        <TextField label="Notes" value={notes} onChange={setNotes} maxLength={4000} />
        <TextField label="Due" type="datetime-local" value={dueAt} onChange={setDueAt} />
        <ErrorMessage error={action.error} />
        <div className="button-row">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button-primary" disabled={action.disabled}>
            Schedule
          </button>
        </div>
      </form>
    </Modal>
  );
}
