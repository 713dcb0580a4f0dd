import { useEffect, useState, type FormEvent } from 'react';
import type { PaperSize } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SelectField } from '../../components/SelectField';
import { SuccessMessage } from '../../components/SuccessMessage';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';
import { usePlant } from '../../state/plant-store';
import { useSession } from '../../state/session-store';

/** Every zone this browser knows, for the plant's time zone picker. */
const TIME_ZONES = Intl.supportedValuesOf('timeZone').map((zone) => ({ value: zone, label: zone }));

/**
 * Plant-wide settings (admins): the name everyone sees, how soon idle screens lock, the plant's
 * time zone (shifts and reports follow its wall clock), how far ahead of the clock a machine's
 * timestamp may be, and where the end-of-shift reports go.
 */
export function PlantSettingsForm() {
  const [plantName, setPlantName] = useState('');
  const [idleLockMinutes, setIdleLockMinutes] = useState('');
  const [shiftReportFolder, setShiftReportFolder] = useState('');
  const [shiftReportPaper, setShiftReportPaper] = useState<PaperSize>('A4');
  const [timeZone, setTimeZone] = useState('UTC');
  const [aheadMinutes, setAheadMinutes] = useState('');
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
      setShiftReportFolder(settings.shiftReportFolder ?? '');
      setShiftReportPaper(settings.shiftReportPaper);
      setTimeZone(settings.timeZone);
      setAheadMinutes(String(settings.maxTimestampAheadMinutes));
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
    const ahead = Number(aheadMinutes);
    if (!Number.isInteger(ahead) || ahead < 1 || ahead > 1440) {
      save.setError({
        code: 'INVALID_INPUT',
        message: 'Timestamps ahead must be 1 to 1,440 whole minutes.',
      });
      return;
    }
    const succeeded = await save.run(async () => {
      const settings = await api.call('settings.update', {
        plantName: plantName.trim(),
        idleLockMinutes: minutes,
        // Empty switches the export off.
        shiftReportFolder: shiftReportFolder.trim() || null,
        shiftReportPaper,
        timeZone,
        maxTimestampAheadMinutes: ahead,
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
      <SelectField
        label="Plant time zone"
        value={timeZone}
        options={
          TIME_ZONES.some((zone) => zone.value === timeZone)
            ? TIME_ZONES
            : [{ value: timeZone, label: timeZone }, ...TIME_ZONES]
        }
        onChange={setTimeZone}
        disabled={!loaded}
      />
      <p className="field-hint">
        Shifts, “today” and the times in reports follow this zone’s wall clock, daylight saving
        included.
      </p>
      <TextField
        label="Timestamps ahead (minutes)"
        type="number"
        min={1}
        max={1440}
        inputMode="numeric"
        value={aheadMinutes}
        onChange={setAheadMinutes}
        disabled={!loaded}
        hint="A machine message stamped further ahead of this computer's clock is refused as implausible and kept as a dead letter (1 to 1,440)."
        required
      />
      <fieldset>
        <legend>End-of-shift export</legend>
        <TextField
          label="Shift report folder"
          value={shiftReportFolder}
          onChange={setShiftReportFolder}
          disabled={!loaded}
          spellCheck={false}
          placeholder="/srv/linewatch/shift-reports"
          hint="The shift report of each line is written there as PDF at the end of every shift. An absolute folder on the computer running Linewatch; empty switches the export off."
        />
        <SelectField
          label="Shift report paper"
          value={shiftReportPaper}
          options={[
            { value: 'A4', label: 'A4' },
            { value: 'Letter', label: 'Letter' },
          ]}
          onChange={setShiftReportPaper}
          disabled={!loaded}
        />
      </fieldset>
      <ErrorMessage error={save.error} />
      <SuccessMessage text={done} />
      <button type="submit" className="button-primary" disabled={!loaded || save.disabled}>
        Save plant settings
      </button>
    </form>
  );
}
