import { useEffect, useState } from 'react';
import type { Plant, Verdict } from '../../../../shared/contract';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { EMPTY_RESULT_FILTERS, type ResultFilterValues } from './result-filters';

const TYPING_PAUSE_MS = 300;

const VERDICTS: readonly { value: Verdict | ''; label: string }[] = [
  { value: '', label: 'Any verdict' },
  { value: 'PASS', label: 'PASS' },
  { value: 'FAIL', label: 'FAIL' },
  { value: 'NO_SPEC', label: 'NO SPEC' },
];

interface ResultFilterBarProps {
  plant: Plant | null;
  applied: ResultFilterValues;
  onChange: (filters: ResultFilterValues) => void;
}

/** Filters apply as they change; typed ones after a short pause so each key is not a query. */
export function ResultFilterBar({ plant, applied, onChange }: ResultFilterBarProps) {
  const [values, setValues] = useState(applied);
  // A barcode clicked in the table changes the applied filters from outside.
  const [seen, setSeen] = useState(applied);
  if (seen !== applied) {
    setSeen(applied);
    setValues(applied);
  }

  useEffect(() => {
    if (values === applied) return;
    const timer = setTimeout(() => onChange(values), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [values, applied, onChange]);

  const set = (key: keyof ResultFilterValues) => (value: string) =>
    setValues((current) => ({ ...current, [key]: value }));
  const lines = plant?.lines ?? [];
  const machines = (plant?.machines ?? []).filter(
    (machine) => values.lineId === '' || machine.lineId === values.lineId,
  );

  return (
    <form
      className="filter-bar"
      aria-label="Result filters"
      onSubmit={(event) => {
        event.preventDefault();
        onChange(values);
      }}
    >
      <SelectField
        label="Line"
        value={values.lineId}
        options={[
          { value: '', label: 'All lines' },
          ...lines.map((line) => ({ value: line.id, label: line.id })),
        ]}
        onChange={(lineId) => setValues((current) => ({ ...current, lineId, machineId: '' }))}
      />
      <SelectField
        label="Machine"
        value={values.machineId}
        options={[
          { value: '', label: 'All machines' },
          ...machines.map((machine) => ({ value: machine.id, label: machine.id })),
        ]}
        onChange={set('machineId')}
      />
      <TextField
        label="Product"
        value={values.productId}
        onChange={set('productId')}
        maxLength={64}
      />
      <TextField label="Step" value={values.testStep} onChange={set('testStep')} maxLength={64} />
      <SelectField
        label="Verdict"
        value={values.verdict}
        options={VERDICTS}
        onChange={set('verdict')}
      />
      <TextField label="Barcode" value={values.barcode} onChange={set('barcode')} maxLength={128} />
      <div className="filter-bar-buttons">
        <button type="button" onClick={() => onChange(EMPTY_RESULT_FILTERS)}>
          Clear
        </button>
      </div>
    </form>
  );
}
