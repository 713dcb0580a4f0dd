import { useState } from 'react';
import { roleHas, type User } from '../../../../shared/contract';
import { BrokerStatusStrip } from '../../components/BrokerStatusStrip';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { SelectField } from '../../components/SelectField';
import { DeadLetterReasons } from './DeadLetterReasons';
import { DataTable } from '../../components/data-table/DataTable';
import { DEAD_LETTER_COLUMNS, DeadLetterRow } from './DeadLetterRow';
import { useDeadLetters, type DeadLetterFilter } from './use-dead-letters';
import './dead-letters.css';

const ANY = '';

/** Messages ingest refused, grouped by reason, with the payload, an edit and a replay. */
export function DeadLettersPage({ user }: { user: User }) {
  const [filter, setFilter] = useState<DeadLetterFilter>({});
  const letters = useDeadLetters(filter);
  const canReplay = roleHas(user.role, 'deadletters.replay');
  const fields = [
    ...new Set(letters.reasons.flatMap((group) => (group.field ? [group.field] : []))),
  ].sort();
  const filtered = filter.reason !== undefined || filter.field !== undefined;
  return (
    <section aria-labelledby="page-title" data-testid="page-dead-letters">
      <PageHeader title="Dead letters">
        <button type="button" onClick={letters.reload}>
          Refresh
        </button>
      </PageHeader>
      <BrokerStatusStrip />
      <ErrorMessage error={letters.error} />
      <DeadLetterReasons reasons={letters.reasons} filter={filter} onFilter={setFilter} />
      <div className="filter-bar dead-letter-filters" role="group" aria-label="Dead letter filters">
        <SelectField
          label="Field"
          value={filter.field ?? ANY}
          options={[
            { value: ANY, label: 'Any field' },
            ...fields.map((field) => ({ value: field, label: field })),
          ]}
          onChange={(field) => setFilter(field === ANY ? {} : { field })}
        />
        {filter.reason !== undefined && (
          <p className="filter-note" data-testid="dead-letter-reason-filter">
            Reason: {filter.reason}
          </p>
        )}
        {filtered && (
          <button type="button" onClick={() => setFilter({})}>
            Clear filters
          </button>
        )}
      </div>
      {letters.newCount > 0 && (
        <button
          type="button"
          className="new-rows-button"
          data-testid="dead-letters-new"
          onClick={letters.showNew}
        >
          {letters.newCount} new, show them
        </button>
      )}
      {letters.loaded && letters.rows.length === 0 ? (
        <p className="empty-state">
          {filtered
            ? 'No refused messages match these filters.'
            : 'No refused messages. Everything machines sent was valid.'}
        </p>
      ) : (
        <DataTable
          rows={letters.rows}
          columns={DEAD_LETTER_COLUMNS}
          rowKey={(letter) => letter.id}
          caption="Refused messages, newest first"
          testId="dead-letter-table"
          renderRow={(letter, parts) => (
            <DeadLetterRow letter={letter} canReplay={canReplay} parts={parts} />
          )}
        />
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
