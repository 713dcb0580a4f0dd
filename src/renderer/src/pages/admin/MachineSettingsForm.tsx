import { useState, type FormEvent } from 'react';
import type { MachineSnapshot } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SuccessMessage } from '../../components/SuccessMessage';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';
import { numberText, parseOptionalNumber } from './number-field';

/** A machine's name, ideal cycle time (for OEE performance) and heartbeat timeout. */
export function MachineSettingsForm({
  machine,
  onSaved,
}: {
  machine: MachineSnapshot;
  onSaved: () => void;
}) {
  const [name, setName] = useState(machine.name);
  const [cycle, setCycle] = useState(numberText(machine.idealCycleTimeS));
  const [heartbeat, setHeartbeat] = useState(String(machine.heartbeatTimeoutS));
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();

  const cycleValue = parseOptionalNumber(cycle);
  const cycleProblem =
    cycleValue === 'invalid' || (cycleValue !== null && (cycleValue <= 0 || cycleValue > 86_400))
      ? 'Seconds above 0 (at most a day), or blank for not set'
      : null;
  const heartbeatValue = Number(heartbeat);
  const heartbeatProblem =
    Number.isInteger(heartbeatValue) && heartbeatValue >= 5 && heartbeatValue <= 86_400
      ? null
      : 'Whole seconds, 5 to 86,400';
  const ready = name.trim() !== '' && !cycleProblem && !heartbeatProblem;

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setDone(null);
    const ok = await action.run(async () => {
      await api.call('machines.configure', {
        machineId: machine.machineId,
        name: name.trim(),
        heartbeatTimeoutS: heartbeatValue,
        idealCycleTimeS: cycleValue === 'invalid' ? undefined : cycleValue,
      });
    });
    if (ok) {
      setDone(`Saved ${machine.machineId}.`);
      onSaved();
    }
  };

  return (
    <form
      className="panel"
      aria-labelledby="machine-settings-title"
      onSubmit={(event) => void save(event)}
      noValidate
    >
      <h2 id="machine-settings-title">
        Machine <code>{machine.machineId}</code>
      </h2>
      <TextField label="Name" value={name} onChange={setName} maxLength={120} required />
      <div className="form-columns">
        <TextField
          label="Ideal cycle time (s)"
          inputMode="decimal"
          value={cycle}
          onChange={setCycle}
          hint="Seconds per unit at full speed; OEE performance needs it."
          problem={cycleProblem}
        />
        <TextField
          label="Heartbeat timeout (s)"
          inputMode="numeric"
          value={heartbeat}
          onChange={setHeartbeat}
          hint="Silent this long, the machine is shown offline."
          problem={heartbeatProblem}
        />
      </div>
      <ErrorMessage error={action.error} />
      <SuccessMessage text={done} />
      <button type="submit" className="button-primary" disabled={!ready || action.disabled}>
        Save machine
      </button>
    </form>
  );
}
