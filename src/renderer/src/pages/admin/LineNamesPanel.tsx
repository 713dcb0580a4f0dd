import { useState, type FormEvent } from 'react';
import type { Line } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useAction } from '../../hooks/use-action';

/** Lines register themselves by id; here they get the names people use. */
export function LineNamesPanel({
  lines,
  onSaved,
}: {
  lines: readonly Line[];
  onSaved: () => void;
}) {
  return (
    <section className="panel" aria-labelledby="line-names-title">
      <h2 id="line-names-title">Lines</h2>
      {lines.length === 0 ? (
        <p className="empty-state">
          No lines yet. Register a machine, or wait for its first message.
        </p>
      ) : (
        <ul className="line-name-list">
          {lines.map((line) => (
            <li key={line.id}>
              <LineNameForm line={line} onSaved={onSaved} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function LineNameForm({ line, onSaved }: { line: Line; onSaved: () => void }) {
  const [name, setName] = useState(line.name);
  const [saved, setSaved] = useState(false);
  const action = useAction();
  const changed = name.trim() !== '' && name.trim() !== line.name;

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const ok = await action.run(async () => {
      await api.call('plant.renameLine', { lineId: line.id, name: name.trim() });
    });
    setSaved(ok);
    if (ok) onSaved();
  };

  return (
    <form
      className="line-name-form"
      aria-label={`Name of line ${line.id}`}
      onSubmit={(event) => void save(event)}
    >
      <label htmlFor={`line-name-${line.id}`}>
        <code>{line.id}</code>
      </label>
      <input
        id={`line-name-${line.id}`}
        value={name}
        maxLength={120}
        onChange={(event) => {
          setName(event.target.value);
          setSaved(false);
        }}
      />
      <button type="submit" disabled={!changed || action.disabled}>
        Rename
      </button>
      {saved && (
        <span className="saved-mark" role="status">
          ✔ Saved
        </span>
      )}
      <ErrorMessage error={action.error} />
    </form>
  );
}
