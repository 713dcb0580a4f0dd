import type { User } from '../../../../shared/contract';
import { formatDateTime } from '../../lib/time';
import { accountStatus, assignmentSummary, roleLabel } from './account-status';

interface AccountsTableProps {
  accounts: User[];
  currentUserId: number;
  onManage: (account: User) => void;
}

export function AccountsTable({ accounts, currentUserId, onManage }: AccountsTableProps) {
  const sorted = [...accounts].sort((a, b) => a.username.localeCompare(b.username));
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="accounts-table">
        <caption className="visually-hidden">Local accounts</caption>
        <thead>
          <tr>
            <th scope="col">Username</th>
            <th scope="col">Display name</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Last login</th>
            <th scope="col">Assignments</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((account) => {
            const status = accountStatus(account);
            return (
              <tr key={account.id} data-testid={`account-row-${account.username}`}>
                <th scope="row">
                  {account.username}
                  {account.id === currentUserId && <span className="muted"> (you)</span>}
                </th>
                <td>{account.displayName}</td>
                <td>{roleLabel(account.role)}</td>
                <td>
                  <span className={`status status-${status.kind}`}>{status.text}</span>
                </td>
                <td className="nowrap">
                  {account.lastLoginAt ? formatDateTime(account.lastLoginAt) : 'Never'}
                </td>
                <td className="wide">{assignmentSummary(account)}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => onManage(account)}
                    aria-label={`Manage ${account.username}`}
                  >
                    Manage
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
