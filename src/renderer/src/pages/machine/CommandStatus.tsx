import type { CommandRecord } from '../../../../shared/contract';

const LOOK: Record<CommandRecord['status'], { glyph: string; label: string; tone: string }> = {
  sent: { glyph: '…', label: 'Waiting for answer', tone: 'info' },
  ok: { glyph: '✔', label: 'Done', tone: 'ok' },
  failed: { glyph: '✖', label: 'Refused', tone: 'danger' },
  timed_out: { glyph: '⌛', label: 'No answer (timed out)', tone: 'warn' },
};

export function CommandStatus({ record }: { record: CommandRecord }) {
  const look = LOOK[record.status];
  return (
    <span className={`command-status tone-${look.tone}`} data-status={record.status}>
      <span aria-hidden="true">{look.glyph}</span> {look.label}
    </span>
  );
}
