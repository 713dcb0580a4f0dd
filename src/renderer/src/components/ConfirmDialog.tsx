import type { ApiErrorBody } from '../../../shared/contract';
import { ErrorMessage } from './ErrorMessage';
import { Modal } from './Modal';

interface ConfirmDialogProps {
  title: string;
  question: string;
  confirmLabel: string;
  pending: boolean;
  error: ApiErrorBody | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks before a destructive action; "Cancel" has the focus so Enter does no harm. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  return (
    <Modal title={props.title} onClose={props.onCancel}>
      <p>{props.question}</p>
      <ErrorMessage error={props.error} />
      <div className="button-row">
        <button type="button" onClick={props.onCancel} autoFocus>
          Cancel
        </button>
        <button
          type="button"
          className="button-danger"
          onClick={props.onConfirm}
          disabled={props.pending}
        >
          {props.confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
