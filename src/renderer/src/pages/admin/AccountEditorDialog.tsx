import type { Plant, User } from '../../../../shared/contract';
import { Modal } from '../../components/Modal';
import { AssignmentsSection } from './AssignmentsSection';
import { ProfileSection } from './ProfileSection';
import { ResetPasswordSection } from './ResetPasswordSection';
import { StatusSection } from './StatusSection';

interface AccountEditorDialogProps {
  account: User;
  plant: Plant;
  onUpdated: (account: User) => void;
  onDeleted: (id: number) => void;
  onClose: () => void;
}

/** Everything an admin can change about one account, each part saved on its own. */
export function AccountEditorDialog(props: AccountEditorDialogProps) {
  const { account } = props;
  return (
    <Modal title={`Account ${account.username}`} onClose={props.onClose} wide>
      <ProfileSection account={account} onUpdated={props.onUpdated} />
      {/* Keyed by role: a role change swaps lines for machines, so the field starts afresh. */}
      <AssignmentsSection
        key={account.role}
        account={account}
        plant={props.plant}
        onUpdated={props.onUpdated}
      />
      <ResetPasswordSection account={account} />
      <StatusSection account={account} onUpdated={props.onUpdated} onDeleted={props.onDeleted} />
    </Modal>
  );
}
