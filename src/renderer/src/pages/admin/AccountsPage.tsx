import { useState, type ReactNode } from 'react';
import type { User } from '../../../../shared/contract';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { useSession } from '../../state/session-store';
import { AccountEditorDialog } from './AccountEditorDialog';
import { AccountsTable } from './AccountsTable';
import { CreateAccountDialog } from './CreateAccountDialog';
import { useAccounts } from './use-accounts';
import './accounts.css';

/** `tabs`: the Admin page's section tabs, shown under the title. */
export function AccountsPage({ currentUser, tabs }: { currentUser: User; tabs?: ReactNode }) {
  const { accounts, plant, loaded, loadError, replace, remove } = useAccounts();
  const updateProfile = useSession((state) => state.updateProfile);
  const idleLockMinutes = useSession((state) => state.idleLockMinutes);
  const [creating, setCreating] = useState(false);
  const [managedId, setManagedId] = useState<number | null>(null);
  // Looked up on every render, so the editor shows live changes to the account.
  const managed = accounts.find((account) => account.id === managedId) ?? null;

  const showUpdated = (account: User): void => {
    replace(account);
    // An admin editing their own account (name, role) sees the change in the top bar at once.
    if (account.id === currentUser.id) updateProfile(account, idleLockMinutes);
  };

  return (
    <section aria-labelledby="page-title" data-testid="page-admin">
      <PageHeader title="Admin · Accounts">
        <button type="button" className="button-primary" onClick={() => setCreating(true)}>
          New account
        </button>
      </PageHeader>
      {tabs}
      <p className="lead">
        Local accounts of this installation. Engineers see their assigned lines, operators their
        assigned machines, administrators everything.
      </p>
      <ErrorMessage error={loadError} />
      {loaded && (
        <AccountsTable
          accounts={accounts}
          currentUserId={currentUser.id}
          onManage={(account) => setManagedId(account.id)}
        />
      )}
      {creating && (
        <CreateAccountDialog
          plant={plant}
          onCreated={(account) => {
            replace(account);
            setCreating(false);
          }}
          onClose={() => setCreating(false)}
        />
      )}
      {managed && (
        <AccountEditorDialog
          key={managed.id}
          account={managed}
          plant={plant}
          onUpdated={showUpdated}
          onDeleted={(id) => {
            remove(id);
            setManagedId(null);
          }}
          onClose={() => setManagedId(null)}
        />
      )}
    </section>
  );
}
