import { useState, type FormEvent } from 'react';
import type { MaintenanceStatus } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Modal } from '../../components/Modal';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';

interface PlanDialogProps {
  machine: MaintenanceStatus;
  onDone: () => void;
  onClose: () => void;
}

/** The service interval in run hours and/or units; an empty field means "not by this". */
export function PlanDialog({ machine, onDone, onClose }: PlanDialogProps) {
  const [hours, setHours] = useState(String(machine.plan?.intervalRunHours ?? ''));
  const [units, setUnits] = useState(String(machine.plan?.intervalUnits ?? ''));
  const action = useAction();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void action.run(async () => {
      await api.call('maintenance.savePlan', {
        machineId: machine.machineId,
        intervalRunHours: hours.trim() === '' ? null : Number(hours),
        intervalUnits: units.trim() === '' ? null : Number(units),
      });
      onDone();
    });
  };
  return (
    <Modal title={`Service plan · ${machine.machineId}`} onClose={onClose}>
      <form onSubmit={submit}>
        <div className="form-columns">
          <TextField
            label="Every … run hours"
            type="number"
            min={0}
            step="any"
            value={hours}
            onChange={setHours}
          />
          <TextField
            label="Every … units"
            type="number"
            min={1}
            step={1}
            value={units}
            onChange={setUnits}
          />
        </div>
        <p className="muted">Give one or both; the machine is due at whichever comes first.</p>
        <ErrorMessage error={action.error} />
        <div className="button-row">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button-primary" disabled={action.disabled}>
            Save plan
          </button>
        </div>
      </form>
    </Modal>
  );
}
