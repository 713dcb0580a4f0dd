import { useState } from 'react';
import type { User } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { SelectField } from '../../components/SelectField';
import { useLoad } from '../../hooks/use-load';
import { HandoverForm } from './HandoverForm';
import { HandoverList } from './HandoverList';
import './handover.css';

/**
 * Shift handover: the outgoing operator writes what is open and what to know, the incoming one
 * signs it off. Lines are those the user works on (for operators, the lines of their machines).
 */
export function HandoverPage({ user }: { user: User }) {
  const plant = useLoad(() => api.call('plant.list', {}), 'plant');
  const lines = [...new Set((plant.data?.machines ?? []).map((machine) => machine.lineId))].sort();
  const [picked, setPicked] = useState<string | null>(null);
  const lineId = picked ?? lines[0] ?? null;
  const draft = useLoad(
    async () => (lineId ? api.call('handover.draft', { lineId }) : null),
    `draft-${lineId ?? ''}`,
  );
  const list = useLoad(() => api.call('handover.list', {}), 'handovers');
  const reload = (): void => {
    draft.reload();
    list.reload();
  };
  return (
    <section aria-labelledby="page-title" data-testid="page-handover">
      <PageHeader title="Shift handover">
        <button type="button" onClick={reload}>
          Refresh
        </button>
      </PageHeader>
      <ErrorMessage error={plant.error ?? draft.error ?? list.error} />
      {plant.data && lines.length === 0 && (
        <p className="empty-state">
          No machine is assigned to you, so there is no line to hand over.
        </p>
      )}
      {lines.length > 1 && (
        <div className="filter-bar">
          <SelectField
            label="Line"
            value={lineId ?? ''}
            options={lines.map((line) => ({ value: line, label: line }))}
            onChange={setPicked}
          />
        </div>
      )}
      {draft.data && <HandoverForm key={draft.data.lineId} draft={draft.data} onWritten={reload} />}
      <h2 className="handover-list-title">Handovers</h2>
      {list.data && (
        <HandoverList handovers={list.data} username={user.username} onSigned={reload} />
      )}
    </section>
  );
}
