import { useState, type FormEvent } from 'react';
import type { SettingsView } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SuccessMessage } from '../../components/SuccessMessage';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';

function daysProblem(text: string, max: number): string | null {
  const days = Number(text);
  return Number.isInteger(days) && days >= 1 && days <= max
    ? null
    : `Whole days, 1 to ${max.toLocaleString()}`;
}

/** How long raw telemetry and the per-minute rollups are kept before housekeeping drops them. */
export function RetentionForm({
  current,
  onSaved,
}: {
  current: SettingsView;
  onSaved: () => void;
}) {
  const [raw, setRaw] = useState(String(current.rawRetentionDays ?? ''));
  const [rollup, setRollup] = useState(String(current.rollupRetentionDays ?? ''));
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();
  const rawProblem = daysProblem(raw, 3650);
  const rollupProblem = daysProblem(rollup, 36_500);

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setDone(null);
    const ok = await action.run(async () => {
      await api.call('settings.update', {
        rawRetentionDays: Number(raw),
        rollupRetentionDays: Number(rollup),
      });
    });
    if (ok) {
      setDone('Retention saved. Housekeeping applies it on its next run.');
      onSaved();
    }
  };

  return (
    <form
      className="panel"
      aria-labelledby="retention-title"
      onSubmit={(event) => void save(event)}
      noValidate
    >
      <h2 id="retention-title">Retention</h2>
      <TextField
        label="Raw telemetry (days)"
        inputMode="numeric"
        value={raw}
        onChange={setRaw}
        hint="Every reading as it came. Charts of older times use the rollups."
        problem={rawProblem}
      />
      <TextField
        label="Per-minute rollups (days)"
        inputMode="numeric"
        value={rollup}
        onChange={setRollup}
        hint="Minimum, average and maximum per minute, for long trends and reports."
        problem={rollupProblem}
      />
      <ErrorMessage error={action.error} />
      <SuccessMessage text={done} />
      <button
        type="submit"
        className="button-primary"
        disabled={!!rawProblem || !!rollupProblem || action.disabled}
      >
        Save retention
      </button>
    </form>
  );
}
