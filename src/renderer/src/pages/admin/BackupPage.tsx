import { useState, type ReactNode } from 'react';
import type { ApiErrorBody, BackupFile } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { SuccessMessage } from '../../components/SuccessMessage';
import { useLoad } from '../../hooks/use-load';
import { toApiErrorBody } from '../../lib/errors';
import { formatDateTime } from '../../lib/time';
import { AuditVerifyPanel } from './AuditVerifyPanel';
import { RestoreBackupDialog } from './RestoreBackupDialog';

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Backups of the database (made while the app runs), restoring one, and the audit check. */
export function BackupPage({ tabs }: { tabs: ReactNode }) {
  const { data, error, reload } = useLoad(() => api.call('backup.list', {}), 'backups');
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const [createError, setCreateError] = useState<ApiErrorBody | null>(null);
  const [restoring, setRestoring] = useState<BackupFile | null>(null);

  const create = async (): Promise<void> => {
    setCreating(true);
    setCreated(null);
    setCreateError(null);
    try {
      const { file, bytes } = await api.call('backup.create', {});
      setCreated(`Backed up to ${file} (${formatBytes(bytes)}).`);
      reload();
    } catch (caught) {
      setCreateError(toApiErrorBody(caught));
    } finally {
      setCreating(false);
    }
  };

  return (
    <section aria-labelledby="page-title" data-testid="page-admin-backup">
      <PageHeader title="Admin · Backup" />
      {tabs}
      <div className="panel-grid backup-grid">
        <section className="panel" aria-labelledby="backups-title">
          <h2 id="backups-title">Backups</h2>
          <p className="muted">
            A backup is taken while ingest goes on, into <code>backups/</code> in the data folder.
          </p>
          <div className="button-row">
            <button
              type="button"
              className="button-primary"
              onClick={() => void create()}
              disabled={creating}
            >
              {creating ? 'Backing up…' : 'Back up now'}
            </button>
          </div>
          <SuccessMessage text={created} />
          <ErrorMessage error={createError ?? error} />
          {data && data.backups.length === 0 && <p className="empty-state">No backups yet.</p>}
          {data && data.backups.length > 0 && (
            <div className="table-scroll">
              <table className="data-table" data-testid="backups-table">
                <caption className="visually-hidden">Backups, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">File</th>
                    <th scope="col">Taken</th>
                    <th scope="col">Size</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.backups.map((backup) => (
                    <tr key={backup.fileName} data-testid={`backup-row-${backup.fileName}`}>
                      <th scope="row" className="nowrap">
                        <code>{backup.fileName}</code>
                      </th>
                      <td className="nowrap">{formatDateTime(backup.modifiedAt)}</td>
                      <td className="nowrap numeric">{formatBytes(backup.bytes)}</td>
                      <td>
                        <button
                          type="button"
                          onClick={() => setRestoring(backup)}
                          aria-label={`Restore ${backup.fileName}`}
                        >
                          Restore…
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <AuditVerifyPanel />
      </div>
      {restoring && <RestoreBackupDialog backup={restoring} onCancel={() => setRestoring(null)} />}
    </section>
  );
}
