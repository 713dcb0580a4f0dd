import { useState } from 'react';
import type { User } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useAction } from '../../hooks/use-action';
import { accountStatus, isLockedOut } from './account-status';

interface StatusSectionProps {
  account: User;
  onUpdated: (account: User) => void;
  onDeleted: (id: number) => void;
}

/** Disable or enable, lift a lockout, delete: the actions that change whether someone can log in. */
export function StatusSection({ account, onUpdated, onDeleted }: StatusSectionProps) {
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const action = useAction();
  const deletion = useAction();
  const status = accountStatus(account);

  const setDisabled = (disabled: boolean): void => {
    void action.run(async () => {
      onUpdated(await api.call('accounts.update', { id: account.id, disabled }));
    });
  };
  const unlock = (): void => {
    void action.run(async () => {
      onUpdated(await api.call('accounts.unlock', { id: account.id }));
    });
  };
  const remove = async (): Promise<void> => {
    const succeeded = await deletion.run(async () => {
      await api.call('accounts.delete', { id: account.id });
    });
    if (succeeded) onDeleted(account.id);
  };

  return (
    <section className="editor-section" aria-labelledby="status-title">
      <h3 id="status-title">Access</h3>
      <p>
        Status: <span className={`status status-${status.kind}`}>{status.text}</span>
      </p>
      <ErrorMessage error={action.error} />
      <div className="button-row">
        {account.disabled ? (
          <button type="button" onClick={() => setDisabled(false)} disabled={action.disabled}>
            Enable account
          </button>
        ) : (
          <button type="button" onClick={() => setDisabled(true)} disabled={action.disabled}>
            Disable account
          </button>
        )}
        {isLockedOut(account) && (
          <button type="button" onClick={unlock} disabled={action.disabled}>
            Unlock now
          </button>
        )}
        <button type="button" className="button-danger" onClick={() => setConfirmingDelete(true)}>
          Delete account
        </button>
      </div>
      {confirmingDelete && (
        <ConfirmDialog
          title="Delete account"
          question={`Delete the account ${account.username} (${account.displayName})? This cannot be undone; the event log keeps its history.`}
          confirmLabel="Delete"
          pending={deletion.disabled}
          error={deletion.error}
          onConfirm={() => void remove()}
          onCancel={() => {
            deletion.setError(null);
            setConfirmingDelete(false);
          }}
        />
      )}
    </section>
  );
}
