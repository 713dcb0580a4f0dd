import { useState, type FormEvent } from 'react';
import type { Alert } from '../../../../shared/contract';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Modal } from '../../components/Modal';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';

interface ReasonDialogProps {
  title: string;
  confirmLabel: string;
  alert: Alert;
  /** Sends the call with the typed reason; resolves with the changed alert. */
  send: (reason: string) => Promise<Alert>;
  onDone: (alert: Alert) => void;
  onClose: () => void;
}

/** Resolve and out-of-service both need a reason for the record; one dialog serves both. */
export function ReasonDialog({
  title,
  confirmLabel,
  alert,
  send,
  onDone,
  onClose,
}: ReasonDialogProps) {
  const [reason, setReason] = useState('');
  const action = useAction();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void action.run(async () => onDone(await send(reason)));
  };
  return (
    <Modal title={title} onClose={onClose}>
      <form onSubmit={submit}>
        <p className="muted">{alert.message}</p>
        <TextField label="Reason" value={reason} onChange={setReason} required maxLength={500} />
        <ErrorMessage error={action.error} />
        <div className="button-row">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button-primary" disabled={action.disabled}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}
