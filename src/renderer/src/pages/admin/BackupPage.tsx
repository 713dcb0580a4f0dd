import { useState, type ReactNode } from 'react';
import type { ApiErrorBody, BackupFile } from '../../../../shared/contract';
import { api } from '../../api/client';
import { DataTable } from '../../components/data-table/DataTable';
import type { DataColumn } from '../../components/data-table/columns';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { SuccessMessage } from '../../components/SuccessMessage';
import { useLoad } from '../../hooks/use-load';
import { toApiErrorBody } from '../../lib/errors';
import { formatDateTime } from '../../lib/time';
import { AuditVerifyPanel } from './AuditVerifyPanel';
import { RestoreBackupDialog } from './RestoreBackupDialog';
import './admin.css';

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

const BACKUP_COLUMNS: readonly DataColumn<BackupFile>[] = [
  {
    id: 'file',
    header: 'File',
    rowHeader: true,
    cellClassName: 'nowrap',
    cell: (backup) => <code>{backup.fileName}</code>,
  },
  {
    id: 'taken',
    header: 'Taken',
    cellClassName: 'nowrap',
    cell: (backup) => formatDateTime(backup.modifiedAt),
  },
  {
    id: 'size',
    header: 'Size',
    cellClassName: 'nowrap numeric',
    cell: (backup) => formatBytes(backup.bytes),
  },
];

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
          {data && (
            <DataTable
              rows={data.backups}
              columns={[
                ...BACKUP_COLUMNS,
                {
                  id: 'actions',
                  header: 'Actions',
                  hideHeader: true,
                  cell: (backup) => (
                    <button
                      type="button"
                      onClick={() => setRestoring(backup)}
                      aria-label={`Restore ${backup.fileName}`}
                    >
                      Restore…
                    </button>
                  ),
                },
              ]}
              rowKey={(backup) => backup.fileName}
              caption="Backups, newest first"
              testId="backups-table"
              rowProps={(backup) => ({ 'data-testid': `backup-row-${backup.fileName}` })}
              empty="No backups yet."
            />
          )}
        </section>
        <AuditVerifyPanel />
      </div>
      {restoring && <RestoreBackupDialog backup={restoring} onCancel={() => setRestoring(null)} />}
    </section>
  );
}
