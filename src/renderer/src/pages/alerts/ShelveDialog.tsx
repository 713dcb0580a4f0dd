import { useState, type FormEvent } from 'react';
import type { Alert } from '../../../../shared/contract';
import { MAX_SHELVE_MINUTES, MAX_SHELVE_TEXT } from '../../../../shared/rules/shelving';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Modal } from '../../components/Modal';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';

interface ShelveDialogProps {
  alert: Alert;
  onDone: (alert: Alert) => void;
  onClose: () => void;
}

/** Shelving hides a nuisance alert for a while; the reason goes to the event log. */
export function ShelveDialog({ alert, onDone, onClose }: ShelveDialogProps) {
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState('60');
  const action = useAction();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void action.run(async () => {
      onDone(await api.call('alerts.shelve', { id: alert.id, reason, minutes: Number(minutes) }));
    });
  };
  return (
    <Modal title="Shelve alert" onClose={onClose}>
      <form onSubmit={submit}>
        <p className="muted">{alert.message}</p>
        <TextField label="Reason" value={reason} onChange={setReason} required maxLength={500} />
        <TextField
          label="Minutes"
          type="number"
          min={1}
          max={MAX_SHELVE_MINUTES}
          value={minutes}
          onChange={setMinutes}
          hint={`At most ${MAX_SHELVE_TEXT}; the alert comes back by itself afterwards.`}
          required
        />
        <ErrorMessage error={action.error} />
        <div className="button-row">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button-primary" disabled={action.disabled}>
            Shelve
          </button>
        </div>
      </form>
    </Modal>
  );
}
