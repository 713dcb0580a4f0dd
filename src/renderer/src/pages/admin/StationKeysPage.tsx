import { useState, type ReactNode } from 'react';
import type { ApiErrorBody, StationKey } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
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
          {data && data.length === 0 && <p className="empty-state">No station keys yet.</p>}
          {data && data.length > 0 && (
            <div className="table-scroll">
              <table className="data-table" data-testid="station-keys-table">
                <caption className="visually-hidden">Station keys, in use first</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Key begins</th>
                    <th scope="col">May post for</th>
                    <th scope="col">Last used</th>
                    <th scope="col">Status</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.map((key) => (
                    <tr key={key.id} data-testid={`station-key-row-${key.id}`}>
                      <th scope="row">{key.name}</th>
                      <td className="nowrap">
                        <code>{key.prefix}…</code>
                      </td>
                      <td>{scopeText(key)}</td>
                      <td className="nowrap">
                        {key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'never'}
                      </td>
                      <td className="nowrap">
                        {key.revokedAt
                          ? `revoked ${formatDateTime(key.revokedAt)} by ${key.revokedBy ?? '?'}`
                          : 'in use'}
                      </td>
                      <td>
                        {!key.revokedAt && (
                          <button
                            type="button"
                            className="button-danger"
                            onClick={() => setRevoking(key)}
                            aria-label={`Revoke ${key.name}`}
                          >
                            Revoke…
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
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
