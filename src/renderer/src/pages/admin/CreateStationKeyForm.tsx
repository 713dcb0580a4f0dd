import { useState, type FormEvent } from 'react';
import type { ApiErrorBody } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextField } from '../../components/TextField';
import { toApiErrorBody } from '../../lib/errors';
import { invalidIdentifiers, parseIdentifierList } from '../../lib/identifiers';

/** A name, and the lines and/or machines the new key may post for. */
export function CreateStationKeyForm({
  onCreated,
}: {
  onCreated: (name: string, secret: string) => void;
}) {
  const [name, setName] = useState('');
  const [lines, setLines] = useState('');
  const [machines, setMachines] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const lineIds = parseIdentifierList(lines);
  const machineIds = parseIdentifierList(machines);
  const badLines = invalidIdentifiers(lineIds);
  const badMachines = invalidIdentifiers(machineIds);
  const ready =
    name.trim() !== '' &&
    lineIds.length + machineIds.length > 0 &&
    badLines.length + badMachines.length === 0;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      const { stationKey, secret } = await api.call('stationKeys.create', {
        name: name.trim(),
        lines: lineIds,
        machines: machineIds,
      });
      onCreated(stationKey.name, secret);
      setName('');
      setLines('');
      setMachines('');
    } catch (caught) {
      setError(toApiErrorBody(caught));
    } finally {
      setPending(false);
    }
  };

  const problem = (bad: string[]) =>
    bad.length ? `Not valid identifiers: ${bad.join(', ')}` : null;

  return (
    <form
      className="panel"
      aria-labelledby="create-station-key-title"
      onSubmit={(event) => void submit(event)}
    >
      <h2 id="create-station-key-title">New station key</h2>
      <TextField label="Name" value={name} onChange={setName} maxLength={120} required />
      <TextField
        label="Lines"
        value={lines}
        onChange={setLines}
        hint="Comma-separated, e.g. L-1, L-2. A key for one line also places new machines there."
        problem={problem(badLines)}
      />
      <TextField
        label="Machines"
        value={machines}
        onChange={setMachines}
        hint="Comma-separated machine ids, for a key limited to some machines."
        problem={problem(badMachines)}
      />
      <ErrorMessage error={error} />
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={!ready || pending}>
          {pending ? 'Creating…' : 'Create key'}
        </button>
      </div>
    </form>
  );
}
