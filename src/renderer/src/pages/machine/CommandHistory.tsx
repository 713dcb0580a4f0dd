import type { CommandRecord } from '../../../../shared/contract';
import { formatUntil } from '../../lib/time';
import { CommandStatus } from './CommandStatus';
import { describeCommand } from './command-text';

export function CommandHistory({ commands }: { commands: readonly CommandRecord[] }) {
  return (
    <section className="panel" aria-labelledby="command-history-title">
      <h2 id="command-history-title">Command history</h2>
      {commands.length === 0 ? (
        <p className="empty-state">No commands were sent to this machine.</p>
      ) : (
        <div className="table-scroll table-scroll-short">
          <table className="data-table" data-testid="command-history">
            <thead>
              <tr>
                <th scope="col">Sent</th>
                <th scope="col">Command</th>
                <th scope="col">By</th>
                <th scope="col">Status</th>
                <th scope="col">Answer</th>
              </tr>
            </thead>
            <tbody>
              {commands.map((record) => (
                <tr key={record.id} data-testid="command-row">
                  <td className="nowrap">{formatUntil(record.issuedAt)}</td>
                  <td>
                    <code>{describeCommand(record)}</code>
                  </td>
                  <td>{record.issuedBy}</td>
                  <td>
                    <CommandStatus record={record} />
                  </td>
                  <td>{record.answer ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
