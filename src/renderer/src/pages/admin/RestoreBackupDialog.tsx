import { useState } from 'react';
import type { ApiErrorBody, BackupFile } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Modal } from '../../components/Modal';
import { TextField } from '../../components/TextField';
import { toApiErrorBody } from '../../lib/errors';
import { formatDateTime } from '../../lib/time';
import { useSession } from '../../state/session-store';

const CONFIRM_WORD = 'RESTORE';

/**
 * Restoring throws away everything recorded since the backup, so the admin types a word
 * rather than clicking through. Afterwards every session is over (the restored database
 * has its own), this one included: the login screen says why.
 */
export function RestoreBackupDialog({
  backup,
  onCancel,
}: {
  backup: BackupFile;
  onCancel: () => void;
}) {
  const [typed, setTyped] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);

  const restore = async (): Promise<void> => {
    setPending(true);
    setError(null);
    try {
      const outcome = await api.call('backup.restore', {
        fileName: backup.fileName,
        confirm: CONFIRM_WORD,
      });
      useSession
        .getState()
        .endSession(
          `The database was restored from ${outcome.restored}; the one it replaced is kept as ${outcome.safetyCopy}. Everyone signs in again.`,
        );
    } catch (caught) {
      setError(toApiErrorBody(caught));
      setPending(false);
    }
  };

  return (
    <Modal title="Restore a backup" onClose={onCancel}>
      <p>
        This replaces the live database with <code>{backup.fileName}</code> (
        {formatDateTime(backup.modifiedAt)}). Everything recorded since then is set aside in a copy
        of the current database, kept in the same folder. Everyone, you included, must sign in
        again.
      </p>
      <TextField
        label={`Type ${CONFIRM_WORD} to confirm`}
        value={typed}
        onChange={setTyped}
        autoComplete="off"
        spellCheck={false}
      />
      <ErrorMessage error={error} />
      <div className="button-row">
        <button type="button" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button
          type="button"
          className="button-danger"
          onClick={() => void restore()}
          disabled={pending || typed !== CONFIRM_WORD}
        >
          {pending ? 'Restoring…' : 'Restore'}
        </button>
      </div>
    </Modal>
  );
}
