import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SuccessMessage } from '../../components/SuccessMessage';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';
import { usePlant } from '../../state/plant-store';
import { useSession } from '../../state/session-store';

/** Plant-wide settings (admins): the name everyone sees and how soon idle screens lock. */
export function PlantSettingsForm() {
  const [plantName, setPlantName] = useState('');
  const [idleLockMinutes, setIdleLockMinutes] = useState('');
  const [loaded, setLoaded] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const load = useAction();
  const save = useAction();
  const publishPlantName = usePlant((state) => state.setPlantName);
  const publishIdleLock = useSession((state) => state.setIdleLockMinutes);

  const runLoad = load.run;
  useEffect(() => {
    void runLoad(async () => {
      const settings = await api.call('settings.get', {});
      setPlantName(settings.plantName);
      setIdleLockMinutes(String(settings.idleLockMinutes));
      setLoaded(true);
    });
  }, [runLoad]);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setDone(null);
    const minutes = Number(idleLockMinutes);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 480) {
      save.setError({
        code: 'INVALID_INPUT',
        message: 'Idle lock must be 1 to 480 whole minutes.',
      });
      return;
    }
    const succeeded = await save.run(async () => {
      const settings = await api.call('settings.update', {
        plantName: plantName.trim(),
        idleLockMinutes: minutes,
      });
      publishPlantName(settings.plantName);
      publishIdleLock(settings.idleLockMinutes);
    });
    if (succeeded) setDone('Plant settings saved.');
  };

  return (
    <form
      className="panel"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby="plant-settings-title"
    >
      <h2 id="plant-settings-title">Plant settings</h2>
      <ErrorMessage error={load.error} />
      <TextField
        label="Plant name"
        value={plantName}
        onChange={setPlantName}
        disabled={!loaded}
        required
      />
      <TextField
        label="Idle lock (minutes)"
        type="number"
        min={1}
        max={480}
        inputMode="numeric"
        value={idleLockMinutes}
        onChange={setIdleLockMinutes}
        disabled={!loaded}
        hint="Screens lock after this many minutes without mouse or keyboard use (1 to 480)."
        required
      />
      <ErrorMessage error={save.error} />
      <SuccessMessage text={done} />
      <button type="submit" className="button-primary" disabled={!loaded || save.pending}>
        Save plant settings
      </button>
    </form>
  );
}
