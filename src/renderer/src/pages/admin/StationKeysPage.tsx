import { useState, type ReactNode } from 'react';
import type { ApiErrorBody, StationKey } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/data-table/DataTable';
import type { DataColumn } from '../../components/data-table/columns';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { useLoad } from '../../hooks/use-load';
import { toApiErrorBody } from '../../lib/errors';
import { formatDateTime } from '../../lib/time';
import { CreateStationKeyForm } from './CreateStationKeyForm';
import { NewStationKeyPanel } from './NewStationKeyPanel';
import './station-keys.css';

const scopeText = (key: StationKey): string =>
  [
    key.lines.length ? `lines ${key.lines.join(', ')}` : '',
    key.machines.length ? `machines ${key.machines.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');

const KEY_COLUMNS: readonly DataColumn<StationKey>[] = [
  { id: 'name', header: 'Name', rowHeader: true, cell: (key) => key.name },
  {
    id: 'prefix',
    header: 'Key begins',
    cellClassName: 'nowrap',
    cell: (key) => <code>{key.prefix}…</code>,
  },
  { id: 'scope', header: 'May post for', cell: scopeText },
  {
    id: 'last-used',
    header: 'Last used',
    cellClassName: 'nowrap',
    cell: (key) => (key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'never'),
  },
  {
    id: 'status',
    header: 'Status',
    cellClassName: 'nowrap',
    cell: (key) =>
      key.revokedAt
        ? `revoked ${formatDateTime(key.revokedAt)} by ${key.revokedBy ?? '?'}`
        : 'in use',
  },
];

/** Station keys: test stations post results over HTTP with them (POST /ingest). */
export function StationKeysPage({ tabs }: { tabs: ReactNode }) {
  const { data, error, reload } = useLoad(() => api.call('stationKeys.list', {}), 'station-keys');
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [revoking, setRevoking] = useState<StationKey | null>(null);
  const [revokePending, setRevokePending] = useState(false);
  const [revokeError, setRevokeError] = useState<ApiErrorBody | null>(null);

  const revoke = async (key: StationKey): Promise<void> => {
    setRevokePending(true);
    setRevokeError(null);
    try {
      await api.call('stationKeys.revoke', { id: key.id });
      setRevoking(null);
      reload();
    } catch (caught) {
      setRevokeError(toApiErrorBody(caught));
    } finally {
      setRevokePending(false);
    }
  };

  return (
    <section aria-labelledby="page-title" data-testid="page-admin-station-keys">
      <PageHeader title="Admin · Station keys" />
      {tabs}
      <div className="panel-grid station-keys-grid">
        {created && <NewStationKeyPanel {...created} onDone={() => setCreated(null)} />}
        <section className="panel" aria-labelledby="station-keys-title">
          <h2 id="station-keys-title">Station keys</h2>
          <p className="muted">
            Test stations post results to <code>POST /ingest</code> with a key, as{' '}
            <code>X-Api-Key</code> or <code>Authorization: Bearer</code>. A key can only post
            results, for its lines and machines.
          </p>
          <ErrorMessage error={error} />
          {data && (
            <DataTable
              rows={data}
              columns={[
                ...KEY_COLUMNS,
                {
                  id: 'actions',
                  header: 'Actions',
                  hideHeader: true,
                  cell: (key) =>
                    !key.revokedAt && (
                      <button
                        type="button"
                        className="button-danger"
                        onClick={() => setRevoking(key)}
                        aria-label={`Revoke ${key.name}`}
                      >
                        Revoke…
                      </button>
                    ),
                },
              ]}
              rowKey={(key) => key.id}
              caption="Station keys, in use first"
              testId="station-keys-table"
              rowProps={(key) => ({ 'data-testid': `station-key-row-${key.id}` })}
              empty="No station keys yet."
            />
          )}
        </section>
        <CreateStationKeyForm
          onCreated={(name, secret) => {
            setCreated({ name, secret });
            reload();
          }}
        />
      </div>
      {revoking && (
        <ConfirmDialog
          title="Revoke station key"
          question={`Revoke "${revoking.name}"? Its station is refused from now on; this cannot be undone.`}
          confirmLabel="Revoke"
          pending={revokePending}
          error={revokeError}
          onConfirm={() => void revoke(revoking)}
          onCancel={() => {
            setRevoking(null);
            setRevokeError(null);
          }}
        />
      )}
    </section>
  );
}
