import { useState, type FormEvent } from 'react';
import { TextField } from '../../components/TextField';
import { EMPTY_FILTERS, type EventFilterValues } from './event-filters';

interface EventFilterFormProps {
  initial: EventFilterValues;
  knownTypes: string[];
  pending: boolean;
  onApply: (filters: EventFilterValues) => void;
}

export function EventFilterForm({ initial, knownTypes, pending, onApply }: EventFilterFormProps) {
  const [values, setValues] = useState<EventFilterValues>(initial);
  const set =
    (key: keyof EventFilterValues) =>
    (value: string): void =>
      setValues((current) => ({ ...current, [key]: value }));

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onApply(values);
  };

  return (
    <form className="filter-bar" onSubmit={submit} aria-label="Event filters">
      <TextField label="From" type="datetime-local" value={values.from} onChange={set('from')} />
      <TextField label="To" type="datetime-local" value={values.to} onChange={set('to')} />
      <TextField
        label="Type"
        value={values.type}
        onChange={set('type')}
        list="event-types"
        maxLength={64}
      />
      <datalist id="event-types">
        {knownTypes.map((type) => (
          <option key={type} value={type} />
        ))}
      </datalist>
      <TextField label="Actor" value={values.actor} onChange={set('actor')} maxLength={64} />
      <TextField label="Text" value={values.text} onChange={set('text')} maxLength={200} />
      <div className="filter-bar-buttons">
        <button type="submit" className="button-primary" disabled={pending}>
          Apply filters
        </button>
        <button
          type="button"
          onClick={() => {
            setValues(EMPTY_FILTERS);
            onApply(EMPTY_FILTERS);
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
