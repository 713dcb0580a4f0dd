import { useState, type FormEvent } from 'react';
import {
  MAX_EDITED_PAYLOAD_CHARS,
  type DeadLetter,
  type MethodOutput,
} from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Modal } from '../../components/Modal';
import { useAction } from '../../hooks/use-action';

type ReplayOutcome = MethodOutput<'deadLetters.replay'>;

interface EditReplayDialogProps {
  letter: DeadLetter;
  onDone: (outcome: ReplayOutcome) => void;
  onClose: () => void;
}

/**
 * Corrects a refused payload (a value sent as text, a misspelt field) and replays it on the
 * same topic. The backend validates it like any message and logs the edited text.
 */
export function EditReplayDialog({ letter, onDone, onClose }: EditReplayDialogProps) {
  const [payload, setPayload] = useState(letter.truncated ? '' : letter.payloadText);
  const action = useAction();
  const changed = payload.trim() !== '' && payload !== letter.payloadText;
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void action.run(async () => {
      onDone(await api.call('deadLetters.replay', { id: letter.id, payload }));
    });
  };
  return (
    <Modal title={`Edit and replay dead letter ${letter.id}`} onClose={onClose} wide>
      <form onSubmit={submit}>
        <p className="muted">
          Topic <code>{letter.topic}</code>. Refused: {letter.reason}
        </p>
        {letter.truncated && (
          <p className="tone-warn">
            Only the first 64 KiB were kept: paste the whole corrected payload.
          </p>
        )}
        <div className="field">
          <label htmlFor={`edit-payload-${letter.id}`}>Payload</label>
          <textarea
            id={`edit-payload-${letter.id}`}
            className="payload-editor"
            value={payload}
            onChange={(event) => setPayload(event.target.value)}
            maxLength={MAX_EDITED_PAYLOAD_CHARS}
            spellCheck={false}
            rows={12}
          />
          <p className="field-hint">The edited text is kept in the event log with your name.</p>
        </div>
        <ErrorMessage error={action.error} />
        <div className="button-row">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button-primary" disabled={!changed || action.disabled}>
            Replay edited payload
          </button>
        </div>
      </form>
    </Modal>
  );
}
