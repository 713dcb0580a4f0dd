import { useState } from 'react';
import type { Handover } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useAction } from '../../hooks/use-action';
import { formatDateTime } from '../../lib/time';
import { OpenItems } from './OpenItems';

interface HandoverListProps {
  handovers: readonly Handover[];
  username: string;
  onSigned: () => void;
}

/** Handovers, those awaiting a sign-off first; the incoming operator signs from here. */
export function HandoverList({ handovers, username, onSigned }: HandoverListProps) {
  if (handovers.length === 0)
    return <p className="empty-state">No handovers yet for the lines you follow.</p>;
  return (
    <ol className="handover-list" data-testid="handover-list">
      {handovers.map((handover) => (
        <HandoverCard
          key={handover.id}
          handover={handover}
          username={username}
          onSigned={onSigned}
        />
      ))}
    </ol>
  );
}

function HandoverCard({
  handover,
  username,
  onSigned,
}: {
  handover: Handover;
  username: string;
  onSigned: () => void;
}) {
  const [note, setNote] = useState('');
  const action = useAction();
  const pending = handover.signedOffBy === null;
  const maySign = pending && handover.handedOverBy !== username;
  const station = handover.handedOverStation ? ` at ${handover.handedOverStation}` : '';
  return (
    <li
      className={`panel handover-card${pending ? ' handover-pending' : ''}`}
      data-testid="handover-card"
      data-id={handover.id}
    >
      <header className="handover-card-header">
        <h3>
          Line {handover.lineId} · shift {handover.shift.name} of {handover.shift.plantDate}
        </h3>
        <span className={pending ? 'handover-status tone-warn' : 'handover-status muted'}>
          {pending
            ? 'Awaiting sign-off'
            : `Signed off by ${handover.signedOffBy} at ${formatDateTime(handover.signedOffAt)}`}
        </span>
      </header>
      <p className="muted">
        Handed over by {handover.handedOverBy}
        {station} at {formatDateTime(handover.handedOverAt)}
      </p>
      {handover.notes && <blockquote className="handover-notes">{handover.notes}</blockquote>}
      <OpenItems items={handover.openItems} />
      {handover.signOffNote && <p>Sign-off note: {handover.signOffNote}</p>}
      {maySign && (
        <form
          className="handover-sign"
          aria-label={`Sign off handover ${handover.id}`}
          onSubmit={(event) => {
            event.preventDefault();
            void action.run(async () => {
              await api.call('handover.signOff', {
                id: handover.id,
                ...(note.trim() ? { note: note.trim() } : {}),
              });
              onSigned();
            });
          }}
        >
          <label>
            Sign-off note (optional)
            <input
              value={note}
              onChange={(event) => setNote(event.target.value)}
              maxLength={1_000}
            />
          </label>
          <button type="submit" className="button-primary" disabled={action.disabled}>
            Sign off: I take over line {handover.lineId}
          </button>
          <ErrorMessage error={action.error} />
        </form>
      )}
    </li>
  );
}
