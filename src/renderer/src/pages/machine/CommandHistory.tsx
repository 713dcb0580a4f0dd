import type { CommandRecord } from '../../../../shared/contract';
import { DataTable } from '../../components/data-table/DataTable';
import type { DataColumn } from '../../components/data-table/columns';
import { formatUntil } from '../../lib/time';
import { CommandStatus } from './CommandStatus';
import { describeCommand } from './command-text';

const COLUMNS: readonly DataColumn<CommandRecord>[] = [
  { id: 'sent', header: 'Sent', cellClassName: 'nowrap', cell: (c) => formatUntil(c.issuedAt) },
  { id: 'command', header: 'Command', cell: (c) => <code>{describeCommand(c)}</code> },
  { id: 'by', header: 'By', cell: (c) => c.issuedBy },
  { id: 'status', header: 'Status', cell: (c) => <CommandStatus record={c} /> },
  { id: 'answer', header: 'Answer', cell: (c) => c.answer ?? '—' },
];

export function CommandHistory({ commands }: { commands: readonly CommandRecord[] }) {
  return (
    <section className="panel" aria-labelledby="command-history-title">
      <h2 id="command-history-title">Command history</h2>
      <DataTable
        rows={commands}
        columns={COLUMNS}
        rowKey={(record) => record.id}
        testId="command-history"
        scrollClassName="table-scroll-short"
        rowProps={() => ({ 'data-testid': 'command-row' })}
        empty="No commands were sent to this machine."
      />
    </section>
  );
}
