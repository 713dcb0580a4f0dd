import { useState, type FormEvent } from 'react';
import type { Shift } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SelectField } from '../../components/SelectField';
import { SuccessMessage } from '../../components/SuccessMessage';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';
import { MAX_SHIFTS, SHIFT_STARTS, byStart, freeStart, shiftProblem } from './shift-draft';

const START_OPTIONS = SHIFT_STARTS.map((start) => ({ value: start, label: start }));

/** The shift plan: 1 to 6 shifts, each from a whole hour to the next shift's start. */
export function ShiftsForm({ current, onSaved }: { current: Shift[]; onSaved: () => void }) {
  const [shifts, setShifts] = useState<Shift[]>(byStart(current));
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();
  const problem = shiftProblem(shifts);

  const change = (index: number, patch: Partial<Shift>): void => {
    setDone(null);
    setShifts((before) => before.map((shift, i) => (i === index ? { ...shift, ...patch } : shift)));
  };

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (problem) return;
    const ordered = byStart(shifts.map((shift) => ({ ...shift, name: shift.name.trim() })));
    const ok = await action.run(async () => {
      await api.call('settings.update', { shifts: ordered });
    });
    if (ok) {
      setShifts(ordered);
      setDone('Shifts saved. Shift reports and OEE per shift use them from now on.');
      onSaved();
    }
  };

  return (
    <form className="panel" aria-labelledby="shifts-title" onSubmit={(event) => void save(event)}>
      <h2 id="shifts-title">Shifts</h2>
      <p className="muted">
        Each shift runs from its start to the next shift's start (plant time).
      </p>
      <ol className="shift-rows">
        {shifts.map((shift, index) => (
          <li key={index} className="shift-row" data-testid="shift-row">
            <TextField
              label={`Shift ${index + 1} name`}
              value={shift.name}
              maxLength={40}
              onChange={(name) => change(index, { name })}
            />
            <SelectField
              label="Starts at"
              value={shift.start}
              options={START_OPTIONS}
              onChange={(start) => change(index, { start })}
            />
            <button
              type="button"
              aria-label={`Remove shift ${index + 1}`}
              disabled={shifts.length === 1}
              onClick={() => {
                setDone(null);
                setShifts((before) => before.filter((_, i) => i !== index));
              }}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      {problem && <p className="field-problem">{problem}</p>}
      <ErrorMessage error={action.error} />
      <SuccessMessage text={done} />
      <div className="button-row">
        <button
          type="button"
          disabled={shifts.length >= MAX_SHIFTS}
          onClick={() => {
            setDone(null);
            setShifts((before) => [...before, { name: '', start: freeStart(before) }]);
          }}
        >
          Add a shift
        </button>
        <button type="submit" className="button-primary" disabled={!!problem || action.disabled}>
          Save shifts
        </button>
      </div>
    </form>
  );
}
