import type { Alert } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ReasonDialog } from './ReasonDialog';
import { ShelveDialog } from './ShelveDialog';

export type AlertDialogKind = 'shelve' | 'resolve' | 'out-of-service' | 'in-service';
export interface OpenDialog {
  kind: AlertDialogKind;
  alert: Alert;
}

interface AlertDialogsProps {
  open: OpenDialog | null;
  onDone: (alert: Alert) => void;
  onClose: () => void;
}

/** The dialog of the action in progress, if any. */
export function AlertDialogs({ open, onDone, onClose }: AlertDialogsProps) {
  if (!open) return null;
  const { alert } = open;
  const done = (changed: Alert): void => {
    onDone(changed);
    onClose();
  };
  switch (open.kind) {
    case 'shelve':
      return <ShelveDialog alert={alert} onDone={done} onClose={onClose} />;
    case 'resolve':
      return (
        <ReasonDialog
          title="Resolve alert"
          confirmLabel="Resolve"
          alert={alert}
          send={(reason) => api.call('alerts.resolve', { id: alert.id, reason })}
          onDone={done}
          onClose={onClose}
        />
      );
    case 'out-of-service':
    case 'in-service': {
      const outOfService = open.kind === 'out-of-service';
      return (
        <ReasonDialog
          title={outOfService ? 'Take out of service' : 'Return to service'}
          confirmLabel={outOfService ? 'Take out of service' : 'Return to service'}
          alert={alert}
          send={(reason) =>
            api.call('alerts.setOutOfService', { id: alert.id, outOfService, reason })
          }
          onDone={done}
          onClose={onClose}
        />
      );
    }
  }
}
