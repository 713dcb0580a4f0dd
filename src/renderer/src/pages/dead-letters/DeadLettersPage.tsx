import { roleHas, type User } from '../../../../shared/contract';
import { BrokerStatusStrip } from '../../components/BrokerStatusStrip';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { DeadLetterRow } from './DeadLetterRow';
import { useDeadLetters } from './use-dead-letters';
import './dead-letters.css';

/** Messages ingest refused, with the reason, the payload and a replay after a fix. */
export function DeadLettersPage({ user }: { user: User }) {
  const letters = useDeadLetters();
  const canReplay = roleHas(user.role, 'deadletters.replay');
  return (
    <section aria-labelledby="page-title" data-testid="page-dead-letters">
      <PageHeader title="Dead letters">
        <button type="button" onClick={letters.reload}>
          Refresh
        </button>
      </PageHeader>
      <BrokerStatusStrip />
      <ErrorMessage error={letters.error} />
      {letters.loaded && letters.rows.length === 0 ? (
        <p className="empty-state">No refused messages. Everything machines sent was valid.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="dead-letter-table">
            <caption className="visually-hidden">Refused messages, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Last seen</th>
                <th scope="col">Topic</th>
                <th scope="col">Reason</th>
                <th scope="col" className="col-p2">
                  Field
                </th>
                <th scope="col" className="numeric">
                  Times
                </th>
                <th scope="col" className="numeric col-p3">
                  Size
                </th>
                <th scope="col" className="col-p3">
                  Truncated
                </th>
                <th scope="col" className="cell-pin">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {letters.rows.map((letter) => (
                <DeadLetterRow key={letter.id} letter={letter} canReplay={canReplay} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="table-footer">
        <span className="muted" role="status">
          {letters.loaded
            ? `${letters.rows.length} refused ${letters.rows.length === 1 ? 'message' : 'messages'} shown`
            : 'Loading…'}
        </span>
        {letters.hasMore && (
          <button type="button" onClick={() => void letters.loadOlder()}>
            Load older
          </button>
        )}
      </div>
    </section>
  );
}
