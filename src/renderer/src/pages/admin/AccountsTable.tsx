import type { User } from '../../../../shared/contract';
import { DataTable } from '../../components/data-table/DataTable';
import type { DataColumn } from '../../components/data-table/columns';
import { formatDateTime } from '../../lib/time';
import { accountStatus, assignmentSummary, roleLabel } from './account-status';

interface AccountsTableProps {
  accounts: User[];
  currentUserId: number;
  onManage: (account: User) => void;
}

const usernameColumn = (currentUserId: number): DataColumn<User> => ({
  id: 'username',
  header: 'Username',
  rowHeader: true,
  cell: (account) => (
    <>
      {account.username}
      {account.id === currentUserId && <span className="muted"> (you)</span>}
    </>
  ),
  sortValue: (account) => account.username,
});

const COLUMNS: readonly DataColumn<User>[] = [
  {
    id: 'display-name',
    header: 'Display name',
    cell: (a) => a.displayName,
    sortValue: (a) => a.displayName,
  },
  { id: 'role', header: 'Role', cell: (a) => roleLabel(a.role), sortValue: (a) => a.role },
  {
    id: 'status',
    header: 'Status',
    cell: (a) => {
      const status = accountStatus(a);
      return <span className={`status status-${status.kind}`}>{status.text}</span>;
    },
  },
  {
    id: 'last-login',
    header: 'Last login',
    cellClassName: 'nowrap',
    cell: (a) => (a.lastLoginAt ? formatDateTime(a.lastLoginAt) : 'Never'),
    sortValue: (a) => a.lastLoginAt,
  },
  { id: 'assignments', header: 'Assignments', cellClassName: 'wide', cell: assignmentSummary },
];

export function AccountsTable({ accounts, currentUserId, onManage }: AccountsTableProps) {
  const sorted = [...accounts].sort((a, b) => a.username.localeCompare(b.username));
  const columns: readonly DataColumn<User>[] = [
    usernameColumn(currentUserId),
    ...COLUMNS,
    {
      id: 'actions',
      header: 'Actions',
      hideHeader: true,
      cell: (account) => (
        <button
          type="button"
          onClick={() => onManage(account)}
          aria-label={`Manage ${account.username}`}
        >
          Manage
        </button>
      ),
    },
  ];
  return (
    <DataTable
      rows={sorted}
      columns={columns}
      rowKey={(account) => account.id}
      caption="Local accounts"
      testId="accounts-table"
      rowProps={(account) => ({ 'data-testid': `account-row-${account.username}` })}
    />
  );
}
