import { useId, useState, type FormEvent } from 'react';
import type { HandoverDraft } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SuccessMessage } from '../../components/SuccessMessage';
import { useAction } from '../../hooks/use-action';
import { formatDateTime } from '../../lib/time';
import { OpenItems } from './OpenItems';

interface HandoverFormProps {
  draft: HandoverDraft;
  onWritten: () => void;
}

/** The outgoing operator's side: what is open now, the notes, "Hand over". */
export function HandoverForm({ draft, onWritten }: HandoverFormProps) {
  const [notes, setNotes] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();
  const notesId = useId();
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const ok = await action.run(async () => {
      const written = await api.call('handover.write', { lineId: draft.lineId, notes });
      setDone(
        `Handed over line ${written.lineId} (shift ${written.shift.name}) with ${written.openItems.length} open items. The incoming operator signs it off below.`,
      );
    });
    if (ok) {
      setNotes('');
      onWritten();
    }
  };
  return (
    <form
      className="panel handover-form"
      aria-label="Hand over the line"
      onSubmit={(event) => void submit(event)}
    >
      <h2>
        Hand over line {draft.lineId}
        {draft.shift && (
          <span className="muted handover-shift">
            {' '}
            · shift {draft.shift.name}, {formatDateTime(draft.shift.startAt)} to{' '}
            {formatDateTime(draft.shift.endAt)}
          </span>
        )}
      </h2>
      {!draft.shift && (
        <p className="tone-warn">The plant has no shift plan: an admin sets the shifts first.</p>
      )}
      <h3>Open now</h3>
      <OpenItems items={draft.openItems} />
      <div className="field">
        <label htmlFor={notesId}>Notes for the next shift</label>
        <textarea
          id={notesId}
          value={notes}
          onChange={(event) => setNotes(event.target.value)}
          maxLength={4_000}
          rows={4}
        />
        <p className="field-hint">
          What the incoming operator must know that the list does not say.
        </p>
      </div>
      <ErrorMessage error={action.error} />
      <SuccessMessage text={done} />
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={!draft.shift || action.disabled}>
          Hand over line {draft.lineId}
        </button>
      </div>
    </form>
  );
}
