import { useState, type FormEvent } from 'react';
import { Identifier, type Line } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SuccessMessage } from '../../components/SuccessMessage';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';

const ID_HINT = '1 to 64 of A-Z a-z 0-9 _ -, exactly as the machine will send it.';

function idProblem(value: string): string | null {
  return value === '' || Identifier.safeParse(value).success ? null : ID_HINT;
}

/**
 * Registers a machine before its first message, so its limits, name and assignments can be
 * set up in advance; an unknown line is registered with it.
 */
export function RegisterMachineForm({
  lines,
  onSaved,
}: {
  lines: readonly Line[];
  onSaved: (machineId: string) => void;
}) {
  const [lineId, setLineId] = useState('');
  const [machineId, setMachineId] = useState('');
  const [name, setName] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();
  const ready = lineId !== '' && machineId !== '' && !idProblem(lineId) && !idProblem(machineId);

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setDone(null);
    const ok = await action.run(async () => {
      const machine = await api.call('plant.saveMachine', {
        lineId,
        machineId,
        name: name.trim() === '' ? undefined : name.trim(),
      });
      setDone(`Registered ${machine.id} on line ${machine.lineId}.`);
    });
    if (ok) {
      onSaved(machineId);
      setMachineId('');
      setName('');
    }
  };

  return (
    <form
      className="panel"
      aria-labelledby="register-machine-title"
      onSubmit={(event) => void save(event)}
    >
      <h2 id="register-machine-title">Register a machine</h2>
      <p className="muted">Ahead of its first message, to set its name and limits in advance.</p>
      <div className="form-columns">
        <TextField
          label="Line id"
          value={lineId}
          onChange={setLineId}
          list="known-line-ids"
          maxLength={64}
          problem={idProblem(lineId)}
          required
        />
        <TextField
          label="Machine id"
          value={machineId}
          onChange={setMachineId}
          maxLength={64}
          problem={idProblem(machineId)}
          required
        />
      </div>
      <datalist id="known-line-ids">
        {lines.map((line) => (
          <option key={line.id} value={line.id}>
            {line.name}
          </option>
        ))}
      </datalist>
      <TextField label="Name (optional)" value={name} onChange={setName} maxLength={120} />
      <ErrorMessage error={action.error} />
      <SuccessMessage text={done} />
      <button type="submit" className="button-primary" disabled={!ready || action.disabled}>
        Register machine
      </button>
    </form>
  );
}
