import { useState } from 'react';
import type { DeadLetter, MethodOutput } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useAction } from '../../hooks/use-action';
import { formatCount } from '../../lib/format';
import { formatDateTime } from '../../lib/time';
import { EditReplayDialog } from './EditReplayDialog';
import type { DataColumn } from '../../components/data-table/columns';
import type { RowParts } from '../../components/data-table/DataTable';

type ReplayOutcome = MethodOutput<'deadLetters.replay'>;

const OUTCOME_LOOK: Record<ReplayOutcome['outcome'], { glyph: string; tone: string }> = {
  stored: { glyph: '✔', tone: 'ok' },
  duplicate: { glyph: '=', tone: 'info' },
  refused: { glyph: '✖', tone: 'danger' },
  truncated: { glyph: '✂', tone: 'warn' },
};

export const DEAD_LETTER_COLUMNS: readonly DataColumn<DeadLetter>[] = [
  {
    id: 'last-seen',
    header: 'Last seen',
    cellClassName: 'cell-when',
    cell: (letter) => formatDateTime(letter.lastSeenAt),
    sortValue: (letter) => letter.lastSeenAt,
  },
  {
    id: 'topic',
    header: 'Topic',
    cellClassName: 'dead-letter-topic',
    title: (letter) => letter.topic,
    cell: (letter) => <code>{withBreaks(letter.topic)}</code>,
    sortValue: (letter) => letter.topic,
  },
  {
    id: 'reason',
    header: 'Reason',
    cellClassName: 'cell-flex reason',
    cell: (letter) => letter.reason,
    sortValue: (letter) => letter.reason,
  },
  {
    id: 'field',
    header: 'Field',
    priority: 2,
    cellClassName: 'cell-id',
    title: (letter) => letter.field ?? undefined,
    cell: (letter) => (letter.field ? <code>{letter.field}</code> : '—'),
  },
  {
    id: 'times',
    header: 'Times',
    align: 'end',
    cell: (letter) => formatCount(letter.occurrences),
    sortValue: (letter) => letter.occurrences,
  },
  {
    id: 'size',
    header: 'Size',
    align: 'end',
    priority: 3,
    cellClassName: 'nowrap',
    cell: (letter) => formatBytes(letter.payloadBytes),
    sortValue: (letter) => letter.payloadBytes,
  },
  {
    id: 'truncated',
    header: 'Truncated',
    priority: 3,
    cell: (letter) => (letter.truncated ? <span className="tone-warn">✂ Truncated</span> : 'No'),
  },
  // The row draws its actions itself: they hold the row's own state (see DeadLetterRow).
  { id: 'actions', header: 'Actions', hideHeader: true, pin: true, cell: () => null },
];

/** One refused message; the payload opens below it, always as plain text. */
export function DeadLetterRow({
  letter,
  canReplay,
  parts,
}: {
  letter: DeadLetter;
  canReplay: boolean;
  parts: RowParts;
}) {
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<ReplayOutcome | null>(null);
  const [editing, setEditing] = useState(false);
  const action = useAction();
  const payloadId = `dead-letter-payload-${letter.id}`;
  return (
    <>
      <tr data-testid="dead-letter-row" data-id={letter.id}>
        {parts.cells({
          actions: (
            <div className="row-actions">
              {canReplay && (
                <button
                  type="button"
                  disabled={action.disabled}
                  onClick={() =>
                    void action.run(async () => {
                      setOutcome(await api.call('deadLetters.replay', { id: letter.id }));
                    })
                  }
                >
                  Replay
                </button>
              )}
              {canReplay && (
                <button type="button" disabled={action.disabled} onClick={() => setEditing(true)}>
                  Edit…
                </button>
              )}
              <button
                type="button"
                aria-expanded={open}
                aria-controls={payloadId}
                onClick={() => setOpen((value) => !value)}
              >
                {open ? 'Hide payload' : 'Show payload'}
              </button>
            </div>
          ),
        })}
      </tr>
      {editing && (
        <tr className="detail-row">
          <td colSpan={parts.columnCount}>
            <p className="muted">Editing the payload…</p>
            <EditReplayDialog
              letter={letter}
              onClose={() => setEditing(false)}
              onDone={(result) => {
                setEditing(false);
                setOutcome(result);
              }}
            />
          </td>
        </tr>
      )}
      {(outcome || action.error) && (
        <tr className="detail-row">
          <td colSpan={parts.columnCount}>
            <ErrorMessage error={action.error} />
            {outcome && (
              <p
                className={`replay-outcome tone-${OUTCOME_LOOK[outcome.outcome].tone}`}
                role="status"
                data-testid="replay-outcome"
              >
                <span aria-hidden="true">{OUTCOME_LOOK[outcome.outcome].glyph}</span> Replay:{' '}
                {outcome.outcome}. {outcome.reason}
              </p>
            )}
          </td>
        </tr>
      )}
      {open && (
        <tr className="detail-row" id={payloadId}>
          <td colSpan={parts.columnCount}>
            {/* React escapes text children: a hostile payload shows as text, never as HTML. */}
            <pre className="payload" data-testid="dead-letter-payload">
              {letter.payloadText}
            </pre>
            <p className="muted">
              First seen {formatDateTime(letter.firstSeenAt)} · line {letter.lineId ?? '—'} ·
              machine {letter.machineId ?? '—'}
            </p>
          </td>
        </tr>
      )}
    </>
  );
}

/** Lets a long topic wrap after its slashes rather than inside a machine id. */
function withBreaks(topic: string) {
  return topic.split('/').map((part, index) => (
    <span key={index}>
      {index > 0 && '/'}
      {index > 0 && <wbr />}
      {part}
    </span>
  ));
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
