import { useState, type FormEvent } from 'react';
import type { Alert } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Modal } from '../../components/Modal';
import { PriorityMark } from '../../components/PriorityMark';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';

interface AcknowledgeDialogProps {
  alert: Alert;
  onDone: (alert: Alert) => void;
  onClose: () => void;
}

/** Acknowledge with an optional comment for the record (the alarm banner's action). */
export function AcknowledgeDialog({ alert, onDone, onClose }: AcknowledgeDialogProps) {
  const [comment, setComment] = useState('');
  const action = useAction();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const trimmed = comment.trim();
    void action.run(async () => {
      const changed = await api.call('alerts.acknowledge', {
        id: alert.id,
        ...(trimmed ? { comment: trimmed } : {}),
      });
      onDone(changed);
      onClose();
    });
  };
  return (
    <Modal title="Acknowledge alarm" onClose={onClose}>
      <form onSubmit={submit} data-testid="acknowledge-dialog">
        <p>
          <PriorityMark priority={alert.priority} /> {alert.machineId ?? 'Plant'}
        </p>
        <p className="muted">{alert.message}</p>
        <TextField
          label="Comment (optional)"
          value={comment}
          onChange={setComment}
          maxLength={500}
          autoFocus
        />
        <ErrorMessage error={action.error} />
        <div className="button-row">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button-primary" disabled={action.disabled}>
            Acknowledge
          </button>
        </div>
      </form>
    </Modal>
  );
}
